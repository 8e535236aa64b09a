from __future__ import annotations

from tenants.models import AuditEvent
from tests.conftest import PASSWORD, host_client


def test_log_in_is_refused_after_five_failures_even_with_the_right_password(owner, acme):
    client = host_client(acme.host)
    for _attempt in range(4):
        response = client.post("/accounts/login/", {"username": owner.email, "password": "guess"})
        assert response.status_code == 200
    fifth = client.post("/accounts/login/", {"username": owner.email, "password": "guess"})
    assert fifth.status_code == 429

    locked = client.post("/accounts/login/", {"username": owner.email, "password": PASSWORD})

    assert locked.status_code == 429
    assert b"Logging in failed too many times" in locked.content
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed").count() >= 5


def test_a_successful_log_in_is_recorded(owner, acme):
    client = host_client(acme.host)

    response = client.post("/accounts/login/", {"username": owner.email, "password": PASSWORD})

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="login")
    assert event.user == owner
    assert event.ip_address == "127.0.0.1"
