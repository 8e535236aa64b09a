"""A purpose names the data it uses: on the purposes page, in its history and in the interview."""

from __future__ import annotations

from registers.models import CategoryRow, Purpose, Register
from tests.registers.editor.test_editor_support import (
    edit_url,
    field_error,
    make_register,
    read_form,
)


def test_the_purposes_page_ticks_the_data_a_purpose_uses_and_the_history_says_which(
    editor_client, owner_client, in_acme
):
    register = make_register(rows=1)
    logs = CategoryRow.objects.create(register=register, category="IPAddress", position=1)
    page = edit_url("customers", "purposes")
    html = editor_client.get(page).content.decode()
    assert 'name="purposes-0-categories"' in html
    assert "IP address and other online identifiers" in html
    data = read_form(html.encode())
    assert "purposes-0-categories" not in data  # nothing ticked: not answered yet
    data["purposes-0-categories"] = [str(logs.pk)]

    assert editor_client.post(page, data).status_code == 302

    purpose = Purpose.objects.get(register=register)
    assert list(purpose.categories.all()) == [logs]
    entries = owner_client.get("/registers/customers/history/").context["entries"]
    used = [c for e in entries for c in e["changes"] if c[0] == "Data used"]
    assert used
    assert "IP address and other online identifiers" in used[0][2]


def test_a_purpose_cannot_name_another_registers_data(editor_client, in_acme):
    register = make_register(rows=1)
    other = make_register(slug="other", rows=1)
    foreign = other.categories.get()
    page = edit_url("customers", "purposes")
    data = read_form(editor_client.get(page).content)
    data["purposes-0-categories"] = [str(foreign.pk)]

    response = editor_client.post(page, data)

    assert response.status_code == 200
    assert "is not one of the available choices" in field_error(
        response.content, "id_purposes-0-categories"
    )
    assert not Purpose.objects.get(register=register).categories.exists()


def test_before_the_register_has_data_the_question_is_not_asked(editor_client, in_acme):
    Register.objects.create(slug="empty", name={"en": "Empty"}, languages=["en"])
    Purpose.objects.create(
        register=Register.objects.get(slug="empty"), description={"en": "x"}, position=0
    )
    html = editor_client.get(edit_url("empty", "purposes")).content.decode()
    assert "purposes-0-description" in html
    assert "purposes-0-categories" not in html


def test_the_interviews_purposes_question_asks_it_once_there_is_data(editor_client, in_acme):
    make_register(rows=1)
    page = "/registers/customers/interview/purposes/"
    html = editor_client.get(page).content.decode()
    assert 'name="purposes-0-categories"' in html
    data = read_form(html.encode())
    email = CategoryRow.objects.get(register__slug="customers")
    data["purposes-0-categories"] = [str(email.pk)]
    assert editor_client.post(page, data).status_code == 302
    assert list(Purpose.objects.get(register__slug="customers").categories.all()) == [email]
