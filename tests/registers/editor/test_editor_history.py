"""The history of a register: who changed which field, newest first; for owners only."""

from __future__ import annotations

from tests.conftest import host_client
from tests.registers.editor.test_editor_support import edit_url, make_register, read_form


def test_the_owner_sees_who_changed_which_field(editor_client, owner_client, in_acme):
    make_register(rows=1)
    data = read_form(editor_client.get(edit_url("customers", "rights")).content)
    data["rights_email"] = "pyynnot@acme.example"
    assert editor_client.post(edit_url("customers", "rights"), data).status_code == 302
    data = read_form(editor_client.get(edit_url("customers", "purposes")).content)
    data["purposes-0-basis"] = "A6-1-f"
    assert editor_client.post(edit_url("customers", "purposes"), data).status_code == 302

    response = owner_client.get("/registers/customers/history/")

    assert response.status_code == 200
    entries = response.context["entries"]
    newest, second = entries[0], entries[1]
    assert newest["who"].email == "editor@acme.example"
    assert newest["changes"] == [
        ("Legal basis", "Contract (GDPR Art. 6(1)(b))", "Legitimate interests (GDPR Art. 6(1)(f))")
    ]
    assert second["changes"] == [("Email for requests", "–", "pyynnot@acme.example")]
    content = response.content.decode()
    assert "editor@acme.example" in content
    assert "Legitimate interests (GDPR Art. 6(1)(f))" in content


def test_removed_rows_show_in_the_history(editor_client, owner_client, in_acme):
    make_register(rows=1)
    data = read_form(editor_client.get(edit_url("customers", "cookies")).content)
    data["cookies-0-DELETE"] = "on"
    assert editor_client.post(edit_url("customers", "cookies"), data).status_code == 302

    entries = owner_client.get("/registers/customers/history/").context["entries"]

    assert entries[0]["type"] == "-"
    assert entries[0]["label"] == "_c0"


def test_only_owners_see_the_history(editor_client, viewer_client, in_acme):
    make_register()

    assert editor_client.get("/registers/customers/history/").status_code == 403
    assert viewer_client.get("/registers/customers/history/").status_code == 403


def test_a_transfer_in_the_history_names_its_recipient_and_country(owner_client, in_acme):
    make_register(rows=1)

    response = owner_client.get("/registers/customers/history/")

    transfer = next(e for e in response.context["entries"] if e["kind"] == "transfer")
    changes = {label: new for label, _old, new in transfer["changes"]}
    assert changes["Recipient"] == "Processor 0"
    assert changes["Country"] == "United States"
    assert "Processor 0" in response.content.decode()


def test_the_history_names_countries_in_the_readers_language(acme, owner, in_acme):
    make_register(rows=1)
    client = host_client(acme.host, owner, language="fi")

    content = client.get("/registers/customers/history/").content.decode()

    assert "Yhdysvallat" in content
    assert 'Maa</dt>\n      <dd class="col-sm-9"><ins>US' not in content
