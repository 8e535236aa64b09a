"""Failed log-ins cannot flood an organisation's audit trail or try many names from one address."""

from __future__ import annotations

from typing import Any

from tenants import audit
from tenants.models import AuditEvent
from tests.conftest import PASSWORD, host_client


def test_failed_log_ins_of_non_members_stay_out_of_the_organisations_trail(
    settings: Any, owner: Any, acme: Any, owner_client: Any
) -> None:
    settings.SELOSTE_LOGIN_FAILURES_PER_ADDRESS = 1000
    audit.record("register.published", organisation=acme, register="asiakkaat")
    stranger = host_client(acme.host)
    for n in range(30):
        stranger.post("/accounts/login/", {"username": f"x{n}@example.fi", "password": "guess"})
    stranger.post("/accounts/login/", {"username": owner.email, "password": "guess"})

    page = owner_client.get("/audit/").content.decode()

    assert AuditEvent.objects.filter(action="login_failed", organisation=None).count() == 30
    assert AuditEvent.objects.filter(action="login_failed", organisation=acme).count() == 1
    assert "x7@example.fi" not in page
    assert "Register published" in page


def test_the_audit_trail_pages_and_filters_by_action_and_actor(
    owner: Any, editor: Any, acme: Any, owner_client: Any
) -> None:
    for n in range(120):
        audit.record("register.saved", organisation=acme, user=editor, register=f"r{n}")
    audit.record("register.published", organisation=acme, user=owner, register="first")

    first = owner_client.get("/audit/").content.decode()
    last = owner_client.get("/audit/?page=3").content.decode()
    published = owner_client.get("/audit/?action=register.published").content.decode()
    by_editor = owner_client.get(f"/audit/?actor={editor.email}&page=3").content.decode()

    assert "Page 1 of 3" in first
    assert ": r0</td>" not in first
    assert ": r0</td>" in last
    assert ": first</td>" in published
    assert ": r5</td>" not in published
    assert "Page 3 of 3" in by_editor
    assert ": r0</td>" in by_editor
    assert ": first</td>" not in by_editor


def test_one_address_trying_many_user_names_is_locked_out(
    settings: Any, owner: Any, acme: Any
) -> None:
    settings.SELOSTE_LOGIN_FAILURES_PER_ADDRESS = 10
    client = host_client(acme.host)
    answers = [
        client.post("/accounts/login/", {"username": f"n{n}@example.fi", "password": "guess"})
        for n in range(10)
    ]

    locked = client.post("/accounts/login/", {"username": owner.email, "password": PASSWORD})

    assert {a.status_code for a in answers} == {200}
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
