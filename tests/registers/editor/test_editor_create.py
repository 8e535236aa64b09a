"""Starting a register from the register list: empty or from a sector template."""

from __future__ import annotations

from registers.models import Register
from registers.sectors import SECTORS
from tests.registers.editor.test_editor_support import field_error, make_register

NEW = {
    "name_fi": "Uutiskirje",
    "name_en": "Newsletter",
    "slug": "newsletter",
    "languages": ["fi", "en"],
}


def test_an_editor_starts_an_empty_register(editor_client, in_acme):
    response = editor_client.post("/", {**NEW, "start": ""})

    assert response.status_code == 302
    assert response["Location"] == "/registers/newsletter/interview/people/"
    register = Register.objects.get(slug="newsletter")
    assert register.name == {"fi": "Uutiskirje", "en": "Newsletter"}
    assert register.languages == ["fi", "en"]
    assert not register.purposes.exists()


def test_an_editor_starts_a_register_from_a_sector_template(editor_client, in_acme):
    sector = SECTORS.values[0]

    response = editor_client.post("/", {**NEW, "start": sector})

    assert response.status_code == 302
    register = Register.objects.get(slug="newsletter")
    assert register.languages == ["fi", "en"]
    assert register.purposes.exists()


def test_a_register_needs_a_language_and_a_free_address(editor_client, in_acme):
    make_register(slug="newsletter")

    response = editor_client.post("/", {**NEW, "languages": [], "start": ""})

    assert field_error(response.content, "id_languages") == "Choose at least one language."
    assert field_error(response.content, "id_slug") == "Another register already has this address."
    assert Register.objects.count() == 1


def test_an_unknown_template_is_refused(editor_client, in_acme):
    response = editor_client.post("/", {**NEW, "start": "casino"})

    assert "Select a valid choice." in field_error(response.content, "id_start")
    assert not Register.objects.exists()


def test_a_viewer_sees_the_registers_but_cannot_start_one(viewer_client, in_acme):
    make_register()

    page = viewer_client.get("/")

    assert b"Customer register" in page.content  # named in the reader's language
    assert b'name="slug"' not in page.content
    assert viewer_client.post("/", {**NEW, "start": ""}).status_code == 403


def test_the_name_must_be_given_in_a_chosen_language(editor_client, in_acme):
    response = editor_client.post(
        "/", {"name_sv": "Nyhetsbrev", "slug": "news", "languages": ["fi"], "start": ""}
    )

    assert field_error(response.content, "id_name") == (
        "Enter the name in at least one of the chosen languages."
    )
    assert not Register.objects.exists()
