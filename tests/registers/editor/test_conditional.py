"""Questions that apply only to some answers, and a transfer's country coming with its recipient."""

from __future__ import annotations

from registers.models import CategoryRow, Purpose, Recipient, Transfer
from tests.registers.editor.test_editor_support import (
    edit_url,
    field_error,
    make_register,
    read_form,
)


def column_of(html: str, field_id: str) -> str:
    """The opening tag of the column that holds the field with this id."""
    position = html.find(f'id="{field_id}"')
    return html[html.rfind('<div class="col', 0, position) :].split(">", 1)[0]


def test_the_legitimate_interest_is_marked_as_asked_only_under_6_1_f(editor_client, in_acme):
    make_register(rows=1)

    html = editor_client.get(edit_url("customers", "purposes")).content.decode()

    column = column_of(html, "id_purposes-0-legitimate_interest")
    assert 'data-show-when="basis"' in column
    assert 'data-show-value="A6-1-f"' in column


def test_a_recipient_outside_the_eea_brings_its_country_to_the_transfer(editor_client, in_acme):
    register = make_register(rows=1)
    Recipient.objects.filter(register=register).update(country="US")
    page = edit_url("customers", "transfers")
    html = editor_client.get(page).content.decode()
    data = read_form(html.encode())
    data["transfers-0-country"] = ""

    response = editor_client.post(page, data)

    recipient = Recipient.objects.get(register=register)
    assert f'data-countries="{{&quot;{recipient.pk}&quot;: &quot;US&quot;}}"' in html
    assert "data-recipient-country" in column_of(html, "id_transfers-0-country")
    assert response.status_code == 302
    assert Transfer.objects.get(register=register).country == "US"


def test_the_recipients_country_wins_over_another_one_posted(editor_client, in_acme):
    register = make_register(rows=1)
    Recipient.objects.filter(register=register).update(country="IN")
    page = edit_url("customers", "transfers")
    data = read_form(editor_client.get(page).content)
    data["transfers-0-country"] = "US"

    editor_client.post(page, data)

    assert Transfer.objects.get(register=register).country == "IN"


def test_without_a_recipient_outside_the_eea_the_country_is_asked(editor_client, in_acme):
    register = make_register(rows=1)
    page = edit_url("customers", "transfers")
    data = read_form(editor_client.get(page).content)
    data["transfers-0-country"] = ""

    response = editor_client.post(page, data)

    assert response.status_code == 200
    assert "Choose the country" in field_error(response.content, "id_transfers-0-country")
    assert Transfer.objects.get(register=register).country == "US"


def test_the_provision_questions_are_marked_as_asked_only_under_a_contract_or_a_law(
    editor_client, in_acme
):
    make_register(rows=1)

    html = editor_client.get(edit_url("customers", "purposes")).content.decode()

    for name in ("requirement", "consequence"):
        column = column_of(html, f"id_purposes-0-{name}")
        assert 'data-show-when="basis"' in column
        assert 'data-show-value="A6-1-b A6-1-c"' in column


def test_a_provision_answer_left_from_a_contract_is_dropped_when_the_basis_becomes_consent(
    editor_client, in_acme
):
    register = make_register(rows=1)
    Purpose.objects.filter(register=register).update(
        requirement="contractual", consequence={"fi": "Ei tilausta", "en": "No order"}
    )
    page = edit_url("customers", "purposes")
    data = read_form(editor_client.get(page).content)
    data["purposes-0-basis"] = "A6-1-a"

    response = editor_client.post(page, data)

    purpose = Purpose.objects.get(register=register)
    assert response.status_code == 302
    assert (purpose.basis, purpose.requirement, purpose.consequence) == ("A6-1-a", "", {})


def test_a_provision_answer_under_a_law_is_kept(editor_client, in_acme):
    register = make_register(rows=1)
    page = edit_url("customers", "purposes")
    data = read_form(editor_client.get(page).content)
    data["purposes-0-basis"] = "A6-1-c"
    data["purposes-0-requirement"] = "statutory"

    editor_client.post(page, data)

    assert Purpose.objects.get(register=register).requirement == "statutory"


def test_the_condition_is_marked_as_asked_only_for_a_special_category(editor_client, in_acme):
    make_register(rows=1)

    html = editor_client.get(edit_url("customers", "categories")).content.decode()

    column = column_of(html, "id_categories-0-special_condition")
    assert 'data-show-when="is_special category"' in column
    assert 'data-show-value="on ' in column
    assert "MedicalHealth" in column


def test_a_condition_left_on_an_ordinary_category_is_dropped(editor_client, in_acme):
    register = make_register(rows=1)
    CategoryRow.objects.filter(register=register).update(
        is_special=True, special_condition="A9-2-a"
    )
    page = edit_url("customers", "categories")
    data = read_form(editor_client.get(page).content)
    data.pop("categories-0-is_special")

    response = editor_client.post(page, data)

    assert response.status_code == 302
    assert CategoryRow.objects.get(register=register).special_condition == ""


def test_a_condition_of_a_health_category_is_kept_without_the_box(editor_client, in_acme):
    register = make_register(rows=1)
    page = edit_url("customers", "categories")
    data = read_form(editor_client.get(page).content)
    data["categories-0-category"] = "MedicalHealth"
    data["categories-0-special_condition"] = "A9-2-h"

    editor_client.post(page, data)

    assert CategoryRow.objects.get(register=register).special_condition == "A9-2-h"
