"""The controller details page: validation at the field, conflicts, read-only viewers."""

from __future__ import annotations

from typing import Any

import pytest

from registers.models import Controller
from tests.conftest import host_client
from tests.registers.editor.test_editor_support import disabled_names, field_error, read_form

VALID = {
    "legal_name": "Acme Oy",
    "business_id": "1234567-1",
    "business_id_country": "FI",
    "street_address": "Esimerkkikatu 1",
    "postal_code": "00100",
    "city": "Helsinki",
    "country": "FI",
    "email": "tietosuoja@acme.example",
    "phone": "+358 40 123 4567",
    "website": "https://acme.example",
    "contact_name": "Maija Meikäläinen",
    "contact_email": "maija@acme.example",
    "contact_phone": "09 123 4567",
}


def post_controller(client: Any, **changes: str) -> Any:
    data = read_form(client.get("/controller/").content)
    data.update(VALID)
    data.update(changes)
    return client.post("/controller/", data)


def test_an_editor_saves_the_controller_details(editor_client, in_acme):
    response = post_controller(editor_client)

    assert response.status_code == 302
    controller = Controller.load()
    assert controller.legal_name == "Acme Oy"
    assert controller.business_id == "1234567-1"
    assert controller.version == 2


def test_a_foreign_business_id_is_accepted_with_its_country(editor_client, in_acme):
    response = post_controller(editor_client, business_id="556677-8899", business_id_country="SE")

    assert response.status_code == 302
    assert Controller.load().business_id_country == "SE"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("business_id", "1234567-8", "Enter a Finnish business ID as 1234567-8 with a valid"),
        ("business_id", "12345678", "Enter a Finnish business ID"),
        ("email", "tietosuoja(at)acme", "Enter a valid email address."),
        ("phone", "call us", "Enter a phone number with digits"),
        ("country", "ZZ", "Select a valid choice."),
        ("website", "not a web address", "Enter a valid URL."),
        ("legal_name", "", "This field is required."),
        ("legal_name", "x" * 201, "Ensure this value has at most 200 characters"),
    ],
)
def test_invalid_controller_details_get_a_message_at_the_field(
    editor_client, in_acme, field, value, message
):
    response = post_controller(editor_client, **{field: value})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message in field_error(response.content, f"id_{field}")
    assert Controller.load().version == 1


def test_the_message_at_the_field_is_in_finnish_for_a_finnish_user(acme, editor, in_acme):
    client = host_client(acme.host, editor, language="fi")

    response = post_controller(client, email="ei-osoite")

    assert field_error(response.content, "id_email") == "Syötä kelvollinen sähköpostiosoite."
    assert b'lang="fi"' in response.content


def test_a_dpo_needs_contact_details(editor_client, in_acme):
    response = post_controller(
        editor_client, has_dpo="on", dpo_name="Maija", dpo_email="", dpo_phone=""
    )

    assert (
        "Enter an email address or a phone number for the data protection officer."
        in field_error(response.content, "id_dpo_email")
    )


def test_countries_are_named_in_the_users_language(acme, editor, in_acme):
    client = host_client(acme.host, editor, language="fi")

    content = client.get("/controller/").content.decode()

    assert '<option value="SE">Ruotsi</option>' in content


def test_a_stale_controller_page_is_refused(acme, editor, owner, in_acme):
    first, second = host_client(acme.host, editor), host_client(acme.host, owner)
    first_data = read_form(first.get("/controller/").content)
    second_data = read_form(second.get("/controller/").content)
    first_data.update(VALID)
    second_data.update({**VALID, "legal_name": "Second Oy"})

    assert first.post("/controller/", first_data).status_code == 302
    response = second.post("/controller/", second_data)

    assert response.status_code == 409
    assert b"Someone else saved these details after you opened them" in response.content
    assert read_form(response.content)["legal_name"] == "Second Oy"
    assert Controller.load().legal_name == "Acme Oy"


def test_a_viewer_reads_the_controller_details_but_cannot_save(viewer_client, in_acme):
    page = viewer_client.get("/controller/")
    data = {**read_form(page.content), **VALID}

    response = viewer_client.post("/controller/", data)

    assert b'type="submit">Save' not in page.content
    assert "legal_name" in disabled_names(page.content)
    assert response.status_code == 403
    assert Controller.load().legal_name == ""


def test_the_legal_name_is_suggested_from_the_sign_up_until_saved(editor_client, in_acme):
    page = editor_client.get("/controller/").content.decode()

    assert 'value="Acme Oy"' in page
    assert not Controller.load().legal_name
