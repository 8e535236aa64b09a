"""The editor says what the model can express: retention per category, consent per purpose, an
unknown transfer country, a recipient in the EU/EEA, weeks, and full dates only."""

from __future__ import annotations

from django.utils import translation

from registers.compliance import check
from registers.models import CategoryRow, Purpose, Recipient, Retention, Transfer
from tests.conftest import host_client
from tests.registers.editor.test_conditional import column_of
from tests.registers.editor.test_editor_support import (
    edit_url,
    field_error,
    make_register,
    read_form,
)


def test_a_retention_rule_covers_the_categories_ticked_and_the_history_says_which(
    editor_client, owner_client, in_acme
):
    register = make_register(rows=1)
    logs = CategoryRow.objects.create(register=register, category="IPAddress", position=1)
    page = edit_url("customers", "retention")
    html = editor_client.get(page).content.decode()
    assert "IP address and other online identifiers" in html
    data = read_form(html.encode())
    email = register.categories.get(category="EmailAddress")
    data["retention-0-categories"] = [str(email.pk), str(logs.pk)]
    data["retention-0-unit"] = "weeks"

    assert editor_client.post(page, data).status_code == 302

    rule = Retention.objects.get(register=register)
    assert set(rule.categories.all()) == {email, logs}
    assert rule.unit == "weeks"
    assert "SEL-RETENTION-COVERAGE" not in {f.code for f in check(register)}
    entries = owner_client.get("/registers/customers/history/").context["entries"]
    covered = [c for e in entries for c in e["changes"] if c[0] == "Data covered"]
    assert covered
    assert "IP address and other online identifiers" in covered[0][2]


def test_a_rule_for_all_other_data_closes_the_gap(editor_client, in_acme):
    register = make_register(rows=1)
    rule = Retention.objects.get(register=register)
    rule.categories.clear()
    assert "SEL-RETENTION-COVERAGE" in {f.code for f in check(register)}
    page = edit_url("customers", "retention")
    data = read_form(editor_client.get(page).content)
    data["retention-0-all_other_data"] = "on"

    assert editor_client.post(page, data).status_code == 302

    codes = {f.code for f in check(register)}
    assert not codes & {"SEL-RETENTION-COVERAGE", "SEL-RETENTION-SCOPE"}


def test_the_consent_method_is_asked_under_consent_and_starts_unanswered(editor_client, in_acme):
    register = make_register(rows=1)
    page = edit_url("customers", "purposes")
    html = editor_client.get(page).content.decode()
    column = column_of(html, "id_purposes-0-consent_method")
    assert 'data-show-when="basis"' in column
    assert 'data-show-value="A6-1-a"' in column
    data = read_form(html.encode())
    assert data.get("purposes-0-consent_method", "") == ""
    data.update({"purposes-0-basis": "A6-1-a", "purposes-0-consent_method": "implied"})

    assert editor_client.post(page, data).status_code == 302

    assert Purpose.objects.get(register=register).consent_method == "implied"
    assert "SEL-CONSENT-IMPLIED" in {f.code for f in check(register)}


def test_a_transfer_may_say_its_country_is_not_known(editor_client, in_acme):
    register = make_register(rows=1)
    Transfer.objects.filter(register=register).update(recipient=None)
    page = edit_url("customers", "transfers")
    data = read_form(editor_client.get(page).content)
    data.update({"transfers-0-country": "", "transfers-0-country_unknown": "on"})

    assert editor_client.post(page, data).status_code == 302

    transfer = Transfer.objects.get(register=register)
    assert (transfer.country, transfer.country_unknown) == ("", True)
    assert "SEL-TRANSFER-COUNTRY" in {f.code for f in check(register)}


def test_without_a_country_or_the_unknown_box_the_transfer_asks_for_its_country(
    editor_client, in_acme
):
    register = make_register(rows=1)
    Transfer.objects.filter(register=register).update(recipient=None)
    page = edit_url("customers", "transfers")
    data = read_form(editor_client.get(page).content)
    data["transfers-0-country"] = ""

    response = editor_client.post(page, data)

    assert response.status_code == 200
    assert field_error(response.content, "id_transfers-0-country")


def test_a_recipient_may_be_located_in_the_eu_eea(editor_client, in_acme):
    register = make_register(rows=1)
    page = edit_url("customers", "recipients")
    html = editor_client.get(page).content.decode()
    assert '<option value="EU">EU/EEA</option>' in html
    data = read_form(html.encode())
    data["recipients-0-country"] = "EU"

    assert editor_client.post(page, data).status_code == 302

    assert Recipient.objects.get(register=register).country == "EU"
    assert "SEL-RECIPIENT-DETAILS" not in {f.code for f in check(register)}


def test_a_partial_date_gets_a_message_at_the_field_in_finnish(acme, owner, in_acme):
    make_register(rows=1)
    client = host_client(acme.host, owner, language="fi")
    page = edit_url("customers", "rights")
    data = read_form(client.get(page).content)
    data["effective_date"] = "2024-05"

    response = client.post(page, data)

    assert response.status_code == 200
    with translation.override("fi"):
        assert "koko päivämäärä" in field_error(response.content, "id_effective_date")
