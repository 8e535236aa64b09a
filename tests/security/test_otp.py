"""Two-step log-in: enrol with a QR code, then every log-in asks for a code before any page.

django-otp's models are imported inside the tests: they exist only once its apps are installed.
"""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from tenants.models import AuditEvent, Organisation
from tests.conftest import PASSWORD, host_client


def current_code(device: Any) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def enrol(client: Client, user: Any) -> list[str]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert client.get("/accounts/otp/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/accounts/otp/setup/", {"code": current_code(device)})
    assert response.status_code == 200
    return re.findall(r"<li>([0-9a-f]{10})</li>", response.content.decode())


def password_login(acme: Organisation, user: Any) -> Client:
    client = host_client(acme.host)
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_setup_page_shows_a_qr_code_as_inline_svg(owner_client: Client) -> None:
    response = owner_client.get("/accounts/otp/setup/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page
    assert "<path" in page
    assert "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_a_wrong_code_does_not_turn_two_step_log_in_on(owner_client: Client, owner: Any) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    owner_client.get("/accounts/otp/setup/")
    response = owner_client.post("/accounts/otp/setup/", {"code": "000000"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=owner, confirmed=True).exists()


def test_an_owner_enrols_and_gets_ten_recovery_codes(owner_client: Client, owner: Any) -> None:
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    codes = enrol(owner_client, owner)
    assert len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=owner).count() == 10
    assert TOTPDevice.objects.filter(user=owner, confirmed=True).count() == 1
    assert AuditEvent.objects.filter(user=owner, action="otp_enabled").exists()
    # The enrolling session itself is verified: owner pages stay open.
    assert owner_client.get("/members/invite/").status_code == 200


def test_after_enrolment_a_password_alone_reaches_no_page(
    acme: Organisation, owner_client: Client, owner: Any
) -> None:
    enrol(owner_client, owner)
    client = password_login(acme, owner)
    for path in ("/members/invite/", "/audit/", "/", "/organisations/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/otp/verify/?next="), path


def test_the_code_completes_the_log_in(
    acme: Organisation, owner_client: Client, owner: Any
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    enrol(owner_client, owner)
    client = password_login(acme, owner)
    wrong = client.post("/accounts/otp/verify/", {"code": "000000", "next": "/audit/"})
    assert wrong.status_code == 200
    assert client.get("/audit/").status_code == 302
    device = TOTPDevice.objects.get(user=owner)
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above armed django-otp's throttle
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    right = client.post("/accounts/otp/verify/", {"code": current_code(device), "next": "/audit/"})
    assert right["Location"] == "/audit/"
    assert client.get("/audit/").status_code == 200
    actions = set(AuditEvent.objects.filter(user=owner).values_list("action", flat=True))
    assert {"otp_verified", "otp_failed"} <= actions


def test_a_recovery_code_works_exactly_once(
    acme: Organisation, owner_client: Client, owner: Any
) -> None:
    code = enrol(owner_client, owner)[0]
    first = password_login(acme, owner)
    assert first.post("/accounts/otp/verify/", {"code": code})["Location"] == "/organisations/"
    second = password_login(acme, owner)
    assert second.post("/accounts/otp/verify/", {"code": code}).status_code == 200
    assert second.get("/members/").status_code == 302


def test_the_verify_page_does_not_redirect_off_site(
    acme: Organisation, owner_client: Client, owner: Any
) -> None:
    code = enrol(owner_client, owner)[0]
    client = password_login(acme, owner)
    response = client.post("/accounts/otp/verify/", {"code": code, "next": "https://evil.example/"})
    assert response["Location"] == "/organisations/"


def test_users_without_an_authenticator_are_not_asked(acme: Organisation, editor: Any) -> None:
    client = password_login(acme, editor)
    assert client.get("/").status_code == 200


def test_the_password_page_links_to_two_factor_set_up(owner_client):
    page = owner_client.get("/accounts/password/")

    assert b'href="/accounts/otp/setup/"' in page.content


def test_turning_two_step_off_needs_the_password_or_a_code(
    owner_client: Client, owner: Any
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    enrol(owner_client, owner)

    session_alone = owner_client.post("/accounts/otp/disable/")
    wrong = owner_client.post("/accounts/otp/disable/", {"password": "not it", "code": "123456"})

    assert session_alone.status_code == wrong.status_code == 400
    assert "password or a current code" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=owner, confirmed=True).exists()
    assert not AuditEvent.objects.filter(action="otp_disabled").exists()

    with_password = owner_client.post("/accounts/otp/disable/", {"password": PASSWORD})

    assert with_password.status_code == 302
    assert not TOTPDevice.objects.filter(user=owner).exists()


def test_a_recovery_code_also_turns_two_step_off(owner_client: Client, owner: Any) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    codes = enrol(owner_client, owner)

    response = owner_client.post("/accounts/otp/disable/", {"code": codes[0]})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=owner).exists()
