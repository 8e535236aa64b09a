"""The register editor: section pages, rows, validation, conflicts and read-only viewers."""

from __future__ import annotations

import pytest

from registers.editor.sections import SECTIONS
from registers.models import JointController, Purpose, Recipient, Register, Transfer
from tests.conftest import host_client
from tests.registers.editor.test_editor_support import (
    disabled_names,
    edit_url,
    field_error,
    make_register,
    read_form,
    snapshot,
)


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_page_opens_for_an_editor(editor_client, in_acme, section):
    make_register(rows=1)

    response = editor_client.get(edit_url("customers", section))

    assert response.status_code == 200
    assert b'name="version"' in response.content
    assert b'<aside class="col-xl-3"' in response.content


def test_an_unknown_section_or_register_is_not_found(editor_client, in_acme):
    make_register()

    assert editor_client.get(edit_url("customers", "nonsense")).status_code == 404
    assert editor_client.get(edit_url("nobody", "basics")).status_code == 404


def test_texts_have_inputs_for_the_registers_languages_only(editor_client, in_acme):
    make_register(languages=["fi", "sv"])

    data = read_form(editor_client.get(edit_url("customers", "basics")).content)

    assert "name_fi" in data
    assert "name_sv" in data
    assert "name_en" not in data


def test_saving_basics_keeps_texts_of_languages_not_shown(editor_client, in_acme):
    register = make_register(languages=["fi"], name={"fi": "Asiakkaat", "en": "Customers"})
    data = read_form(editor_client.get(edit_url("customers", "basics")).content)
    data["name_fi"] = "Asiakasrekisteri"

    response = editor_client.post(edit_url("customers", "basics"), data)

    assert response.status_code == 302
    register.refresh_from_db()
    assert register.name == {"fi": "Asiakasrekisteri", "en": "Customers"}
    assert register.version == 2


def test_it_saves_new_purpose_rows(editor_client, in_acme):
    register = make_register()
    data = read_form(editor_client.get(edit_url("customers", "purposes")).content)
    data.update(
        {
            "purposes-TOTAL_FORMS": "2",
            "purposes-0-description_fi": "Asiakassuhteen hoito",
            "purposes-0-description_en": "Customer service",
            "purposes-0-basis": "A6-1-b",
            "purposes-0-requirement": "precondition",
            "purposes-1-description_fi": "Markkinointi",
            "purposes-1-basis": "A6-1-f",
            "purposes-1-legitimate_interest_fi": "Asiakkaiden tavoittaminen",
            "purposes-1-requirement": "voluntary",
            "purposes-1-is_direct_marketing": "on",
        }
    )

    response = editor_client.post(edit_url("customers", "purposes"), data)

    assert response.status_code == 302
    purposes = list(register.purposes.all())
    assert [p.description.get("fi") for p in purposes] == ["Asiakassuhteen hoito", "Markkinointi"]
    assert [p.position for p in purposes] == [0, 1]
    assert purposes[1].is_direct_marketing
    assert purposes[0].description == {"fi": "Asiakassuhteen hoito", "en": "Customer service"}


def test_add_a_row_without_javascript_keeps_the_input_and_saves_nothing(editor_client, in_acme):
    register = make_register(rows=1)
    data = read_form(editor_client.get(edit_url("customers", "purposes")).content)
    data["purposes-0-description_fi"] = "Muutettu mutta ei tallennettu"
    data["add_row"] = "purposes"

    response = editor_client.post(edit_url("customers", "purposes"), data)

    assert response.status_code == 200
    again = read_form(response.content)
    assert again["purposes-TOTAL_FORMS"] == "2"
    assert again["purposes-0-description_fi"] == "Muutettu mutta ei tallennettu"
    # A new row starts unanswered: nothing is said about it until someone chooses.
    assert again["purposes-1-requirement"] == ""
    assert field_error(response.content, "id_purposes-1-description") == ""
    assert register.purposes.get().description["fi"] == "Teksti 0"


def test_it_removes_a_row_marked_for_removal(editor_client, in_acme):
    register = make_register(rows=2)
    data = read_form(editor_client.get(edit_url("customers", "purposes")).content)
    data["purposes-0-DELETE"] = "on"

    response = editor_client.post(edit_url("customers", "purposes"), data)

    assert response.status_code == 302
    assert [p.description["en"] for p in register.purposes.all()] == ["Text 1"]


def test_an_error_in_one_row_saves_nothing_of_the_page(editor_client, in_acme):
    register = make_register(rows=1)
    before = snapshot(register.pk)
    data = read_form(editor_client.get(edit_url("customers", "basics")).content)
    data["name_fi"] = "Uusi nimi"
    data["joint_controllers-0-name"] = ""

    response = editor_client.post(edit_url("customers", "basics"), data)

    assert response.status_code == 200
    assert field_error(response.content, "id_joint_controllers-0-name") == "This field is required."
    assert snapshot(register.pk) == before


def test_it_refuses_a_row_of_another_register(editor_client, in_acme):
    make_register(slug="other", rows=1)
    register = make_register(rows=1)
    before = snapshot(register.pk)
    other_purpose = Purpose.objects.get(register__slug="other")
    data = read_form(editor_client.get(edit_url("customers", "purposes")).content)
    data["purposes-0-id"] = str(other_purpose.pk)
    data["purposes-0-description_fi"] = "Kaapattu"

    response = editor_client.post(edit_url("customers", "purposes"), data)

    assert response.status_code == 200
    assert b"does not belong to this register" in response.content
    assert snapshot(register.pk) == before
    assert Purpose.objects.get(pk=other_purpose.pk).description["fi"] == "Teksti 0"


def test_a_transfer_may_name_only_a_recipient_of_the_same_register(editor_client, in_acme):
    make_register(slug="other", rows=1)
    register = make_register(rows=1)
    foreign = Recipient.objects.get(register__slug="other")
    data = read_form(editor_client.get(edit_url("customers", "transfers")).content)
    data["transfers-0-recipient"] = str(foreign.pk)

    response = editor_client.post(edit_url("customers", "transfers"), data)

    assert response.status_code == 200
    assert "Select a valid choice" in field_error(response.content, "id_transfers-0-recipient")
    transfer = Transfer.objects.select_related("recipient").get(register=register)
    assert transfer.recipient is not None
    assert transfer.recipient.register_id == register.pk


def test_a_missing_management_form_is_refused_not_an_error(editor_client, in_acme):
    register = make_register(rows=1)
    before = snapshot(register.pk)

    response = editor_client.post(edit_url("customers", "purposes"), {"version": "1"})

    assert response.status_code == 200
    assert b"ManagementForm data is missing" in response.content
    assert snapshot(register.pk) == before


@pytest.mark.parametrize(
    ("section", "field", "value", "message"),
    [
        ("basics", "name_fi", "", "This field is required."),
        ("basics", "name_fi", "x" * 201, "Ensure this value has at most 200 characters"),
        ("basics", "consent_age", "12", "greater than or equal to 13"),
        ("rights", "rights_email", "not an email", "Enter a valid email address."),
        ("rights", "response_days", "lots", "Enter a whole number."),
        ("recipients", "recipients-0-country", "XX", "Select a valid choice."),
        ("purposes", "purposes-0-basis", "A6-1-z", "Select a valid choice."),
    ],
)
def test_invalid_input_gets_a_message_at_the_field(
    editor_client, in_acme, section, field, value, message
):
    register = make_register(rows=1, name={"fi": "Asiakkaat"})
    before = snapshot(register.pk)
    data = read_form(editor_client.get(edit_url("customers", section)).content)
    data[field] = value

    response = editor_client.post(edit_url("customers", section), data)

    assert response.status_code == 200
    field_id = "id_" + field.removesuffix("_fi")
    assert message in field_error(response.content, field_id)
    assert snapshot(register.pk) == before


def test_the_message_at_the_field_is_in_the_users_language(acme, editor, in_acme):
    make_register(rows=1)
    client = host_client(acme.host, editor, language="fi")
    data = read_form(client.get(edit_url("customers", "rights")).content)
    data["rights_email"] = "ei osoite"

    response = client.post(edit_url("customers", "rights"), data)

    assert field_error(response.content, "id_rights_email") == "Syötä kelvollinen sähköpostiosoite."


def test_a_stale_page_is_refused_and_keeps_the_input(acme, editor, owner, in_acme):
    register = make_register()
    first, second = host_client(acme.host, editor), host_client(acme.host, owner)
    first_data = read_form(first.get(edit_url("customers", "basics")).content)
    second_data = read_form(second.get(edit_url("customers", "basics")).content)
    first_data["name_en"] = "First's name"
    second_data["name_en"] = "Second's name"

    assert first.post(edit_url("customers", "basics"), first_data).status_code == 302
    response = second.post(edit_url("customers", "basics"), second_data)

    assert response.status_code == 409
    assert b"Someone else saved this register after you opened it" in response.content
    assert read_form(response.content)["name_en"] == "Second's name"
    register.refresh_from_db()
    assert register.name["en"] == "First's name"
    assert register.version == 2


def test_a_stale_page_saves_none_of_its_rows(acme, editor, owner, in_acme):
    register = make_register(rows=1)
    first, second = host_client(acme.host, editor), host_client(acme.host, owner)
    first_data = read_form(first.get(edit_url("customers", "purposes")).content)
    second_data = read_form(second.get(edit_url("customers", "purposes")).content)
    assert first.post(edit_url("customers", "purposes"), first_data).status_code == 302
    after_first = snapshot(register.pk)
    second_data["purposes-0-description_en"] = "Overwritten"

    response = second.post(edit_url("customers", "purposes"), second_data)

    assert response.status_code == 409
    assert snapshot(register.pk) == after_first


def test_a_viewer_reads_every_section_without_a_save_button(viewer_client, in_acme):
    make_register(rows=1)

    for section in SECTIONS:
        response = viewer_client.get(edit_url("customers", section))
        assert response.status_code == 200
        assert b'name="save"' not in response.content
        assert b'name="add_row"' not in response.content
    assert "name_fi" in disabled_names(viewer_client.get(edit_url("customers", "basics")).content)


def test_a_viewer_cannot_save(viewer_client, in_acme):
    register = make_register(rows=1)
    before = snapshot(register.pk)
    data = read_form(viewer_client.get(edit_url("customers", "basics")).content)
    data.update({"name_fi": "Viewer was here", "version": "1"})

    response = viewer_client.post(edit_url("customers", "basics"), data)

    assert response.status_code == 403
    assert snapshot(register.pk) == before


def test_an_outsider_cannot_open_the_editor(outsider_client, in_acme):
    make_register()

    assert outsider_client.get(edit_url("customers", "basics")).status_code == 403


# django-tenants sets the search path before each query, so every query counts twice here. The
# categories each retention rule covers are read in one more query, whatever the number of rules,
# and the translations to review are read for the page and for its checklist.
QUERY_BOUND = 46


@pytest.mark.parametrize("rows", [2, 30])
def test_a_section_page_runs_a_bounded_number_of_queries(
    editor_client, in_acme, django_assert_max_num_queries, rows
):
    make_register(rows=rows)
    editor_client.get(edit_url("customers", "basics"))  # the session is warm

    for section in SECTIONS:
        with django_assert_max_num_queries(QUERY_BOUND):
            response = editor_client.get(edit_url("customers", section))
        assert response.status_code == 200
        if section not in ("automated", "security", "rights"):
            # Each row, and the template of a new one.
            assert response.content.count(b"data-row>") == rows + 1


def test_joint_controllers_are_edited_on_the_basics_page(editor_client, in_acme):
    register = make_register()
    data = read_form(editor_client.get(edit_url("customers", "basics")).content)
    data.update(
        {
            "joint_controllers-TOTAL_FORMS": "1",
            "joint_controllers-0-name": "Partner Oy",
            "joint_controllers-0-contact": "tietosuoja@partner.example",
            "joint_controllers-0-essence_fi": "Kumppani vastaa omista pyynnöistään.",
        }
    )

    response = editor_client.post(edit_url("customers", "basics"), data)

    assert response.status_code == 302
    assert JointController.objects.get(register=register).name == "Partner Oy"


def test_basics_saves_groups_and_languages(editor_client, in_acme):
    register = make_register()
    data = read_form(editor_client.get(edit_url("customers", "basics")).content)
    data["subject_groups"] = ["Customer", "Child"]
    data["languages"] = ["sv", "fi"]
    data["consent_age"] = "13"

    assert editor_client.post(edit_url("customers", "basics"), data).status_code == 302

    register = Register.objects.get(pk=register.pk)
    assert register.subject_groups == ["Customer", "Child"]
    assert register.languages == ["fi", "sv"]
    assert register.consent_age == 13
