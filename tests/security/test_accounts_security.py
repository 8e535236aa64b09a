"""Sessions: a password change ends the other sessions; sessions expire; sign-up is throttled."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache

from tenants.models import AuditEvent, Organisation
from tests.conftest import BASE, PASSWORD, host_client

NEW_PASSWORD = "another horse battery staple"


def password_login(host: str, user: Any) -> Any:
    client = host_client(host)
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_password_change_logs_out_the_other_sessions(acme: Organisation, owner: Any) -> None:
    laptop, phone = password_login(acme.host, owner), password_login(acme.host, owner)
    assert phone.get("/members/").status_code == 200

    response = laptop.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert laptop.get("/members/").status_code == 200  # the session that changed it stays
    stale = phone.get("/members/")
    assert stale.status_code == 302
    assert "/accounts/login/" in stale["Location"]
    assert AuditEvent.objects.filter(user=owner, action="password_changed").exists()


def test_the_session_cookie_expires_and_is_not_readable_by_scripts(
    acme: Organisation, owner: Any
) -> None:
    client = host_client(acme.host)
    client.post("/accounts/login/", {"username": owner.email, "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_sign_up_is_throttled_per_address(db: Any) -> None:
    cache.clear()
    client = host_client(BASE)
    statuses = [
        client.post("/signup/", {"name": "Bot", "slug": f"bot{i}"}).status_code for i in range(30)
    ]
    assert statuses[0] == 200  # a form with errors
    assert statuses[-1] == 429  # refused as too many, not as a question of membership
    refused = client.post("/signup/", {"name": "Bot", "slug": "bot30"})
    assert "Please try again in an hour" in refused.content.decode()
    other = host_client(BASE)
    assert other.post("/signup/", {}, REMOTE_ADDR="192.0.2.7").status_code == 200
    cache.clear()
