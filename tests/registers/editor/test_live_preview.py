"""The notice beside the editor, in any of the register's languages, renewed by every save."""

from __future__ import annotations

from registers.publishing.versions import draft_document
from registers.render.html import render_fragment
from tests.registers.editor.test_editor_support import edit_url, make_register, read_form


def test_the_preview_beside_the_form_is_the_published_fragment(editor_client, in_acme):
    register = make_register(rows=1, languages=["fi", "en"])

    html = editor_client.get(edit_url("customers", "basics") + "?preview=en").content.decode()

    assert render_fragment(draft_document(register, "en")) in html
    assert 'class="live-preview-body border rounded p-2" lang="en"' in html


def test_a_save_with_the_preview_open_keeps_it_open_and_shows_the_change(editor_client, in_acme):
    make_register(rows=1, languages=["fi", "en"])
    page = edit_url("customers", "basics") + "?preview=fi"
    data = read_form(editor_client.get(page).content)
    data["introduction_fi"] = "Hoidamme asiakkaidemme tietoja huolella."

    response = editor_client.post(page, data, follow=True)

    assert response.redirect_chain[-1][0].endswith("?preview=fi")
    assert "Hoidamme asiakkaidemme tietoja huolella." in response.content.decode()


def test_no_preview_is_rendered_unless_asked_or_in_a_language_of_the_register(
    editor_client, in_acme
):
    make_register(rows=1, languages=["fi"])

    closed = editor_client.get(edit_url("customers", "basics")).content.decode()
    other = editor_client.get(edit_url("customers", "basics") + "?preview=sv").content.decode()

    assert "live-preview-body" not in closed
    assert "live-preview-body" not in other
