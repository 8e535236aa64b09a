"""The audit trail: who did what, when and from where; readable by owners, editable by no one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context

from registers.models import Register
from tenants import audit
from tenants.models import AuditEvent, Membership, Organisation, Role
from tests.conftest import BASE, PASSWORD, host_client
from tests.registers.editor.test_editor_support import edit_url, make_register, read_form
from tests.security.conftest import publish_in


def test_a_log_in_is_recorded_with_organisation_and_address(acme: Organisation, owner: Any) -> None:
    client = host_client(acme.host)
    client.post("/accounts/login/", {"username": owner.email, "password": PASSWORD})
    event = AuditEvent.objects.filter(action="login", user=owner).get()
    assert event.organisation == acme
    assert event.ip_address == "127.0.0.1"
    assert event.created_at is not None


def test_a_failed_log_in_is_recorded_without_the_password(acme: Organisation, owner: Any) -> None:
    host_client(acme.host).post("/accounts/login/", {"username": owner.email, "password": "wrong1"})
    event = AuditEvent.objects.get(action="login_failed")
    assert event.detail == {"username": owner.email}
    assert "wrong1" not in str(event.detail)


def test_a_role_change_is_recorded(acme: Organisation, owner_client: Any, editor: Any) -> None:
    membership = Membership.objects.get(user=editor, organisation=acme)
    response = owner_client.post(f"/members/{membership.pk}/role/", {"role": Role.VIEWER})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="member_role_changed")
    assert (event.user, event.organisation) == (
        get_user_model().objects.get(username="owner@acme.example"),
        acme,
    )


def test_a_publication_is_recorded(acme: Organisation, owner: Any) -> None:
    publish_in(acme, "asiakkaat", owner)
    event = AuditEvent.objects.get(action="register.published")
    assert (event.user, event.organisation) == (owner, acme)
    assert event.detail["register"] == "asiakkaat"
    assert event.detail["version"] == 1


def test_a_register_edit_is_kept_in_history_with_its_author(
    acme: Organisation, editor_client: Any, editor: Any
) -> None:
    with schema_context(acme.schema_name):
        make_register("customers")
    data = read_form(editor_client.get(edit_url("customers", "basics")).content)
    data["name_en"] = "Renamed"
    assert editor_client.post(edit_url("customers", "basics"), data).status_code == 302
    with schema_context(acme.schema_name):
        latest = Register.history.latest()
        assert latest.history_user_id == editor.pk
        assert latest.name["en"] == "Renamed"


def test_owners_read_only_their_own_organisations_trail(
    acme: Organisation, globex: Organisation, owner_client: Any, editor_client: Any
) -> None:
    audit.record("member_invited", organisation=acme, email="new@acme.example")
    audit.record("member_invited", organisation=globex, email="spy@zorbulon.example")
    page = owner_client.get("/audit/").content.decode()
    assert "new@acme.example" in page
    assert "zorbulon" not in page
    assert editor_client.get("/audit/").status_code == 403


def test_the_admin_shows_audit_events_but_cannot_change_or_delete_them(
    acme: Organisation,
) -> None:
    staff = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "x")
    event = audit.record("login", organisation=acme)
    client = host_client(BASE, staff)
    url = f"/admin/tenants/auditevent/{event.pk}/"
    assert client.get("/admin/tenants/auditevent/").status_code == 200
    assert client.get(f"{url}change/").status_code == 200  # shown read-only
    client.post(f"{url}change/", {"action": "nothing happened"})
    assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/tenants/auditevent/add/").status_code == 403
    event.refresh_from_db()
    assert event.action == "login"
