"""A failed save says so at the top: a summary linking to each field, the fields marked."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.conftest import host_client
from tests.registers.editor.test_editor_support import edit_url, make_register, read_form


def summary_links(content: bytes) -> list[tuple[str, str]]:
    html = content.decode()
    start = html.find("data-error-summary")
    assert start >= 0, "no error summary"
    block = html[start : html.find("</div>", start)]
    return [
        (href, " ".join(text.split()))
        for href, text in re.findall(r'<a href="#([^"]+)">(.*?)</a>', block, re.S)
    ]


def test_a_failed_save_lists_each_error_linking_to_its_field(editor_client, in_acme):
    make_register(rows=1)
    data = read_form(editor_client.get(edit_url("customers", "rights")).content)
    data["rights_email"] = "not an address"

    response = editor_client.post(edit_url("customers", "rights"), data)

    html = response.content.decode()
    links = summary_links(response.content)
    assert any(href == "id_rights_email" and "valid email" in text for href, text in links)
    field = re.search(r'<input[^>]*id="id_rights_email"[^>]*>', html)
    assert field is not None
    assert 'aria-invalid="true"' in field.group(0)
    assert "id_rights_email_error" in field.group(0)
    assert 'id="id_rights_email_error"' in html


def test_an_error_in_a_row_names_the_list_and_the_row(editor_client, in_acme):
    make_register(rows=1)
    data = read_form(editor_client.get(edit_url("customers", "basics")).content)
    data["joint_controllers-0-name"] = ""

    response = editor_client.post(edit_url("customers", "basics"), data)

    links = summary_links(response.content)
    assert [href for href, _text in links] == ["id_joint_controllers-0-name"]
    assert "Row 1" in links[0][1]
    assert "This field is required." in links[0][1]


def test_a_page_read_without_errors_has_no_summary(editor_client, in_acme):
    make_register(rows=1)

    response = editor_client.get(edit_url("customers", "basics"))

    assert b"data-error-summary" not in response.content
    assert b"data-unsaved-guard" in response.content


def test_the_controller_and_new_register_forms_have_the_summary(editor_client, in_acme):
    controller = editor_client.post(reverse("controller"), {"version": "1", "email": "x"})
    created = editor_client.post(reverse("register_list"), {"slug": "", "languages": []})

    assert "id_legal_name" in [href for href, _text in summary_links(controller.content)]
    hrefs = [href for href, _text in summary_links(created.content)]
    assert "id_slug" in hrefs
    assert "id_languages" in hrefs


def test_the_summary_is_in_the_users_language(acme, editor, in_acme):
    make_register(rows=1)
    client = host_client(acme.host, editor, language="fi")
    data = read_form(client.get(edit_url("customers", "rights")).content)
    data["rights_email"] = "ei osoite"

    response = client.post(edit_url("customers", "rights"), data)

    assert "Tallennus ei onnistunut" in response.content.decode()
    assert any("kelvollinen" in text for _href, text in summary_links(response.content))
