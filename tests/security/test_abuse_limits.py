"""Limits on what one account, address or organisation may create, and who may use an invitation."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from tenants.models import AuditEvent, Invitation, Membership, Organisation, Role
from tests.conftest import host_client, make_user


def _new_organisation(client: Any, slug: str, name: str = "Extra Oy") -> Any:
    return client.post("/organisations/new/", {"name": name, "slug": slug})


def test_an_invitation_opened_by_another_account_is_refused(
    owner_client, acme, outsider, mailoutbox
):
    owner_client.post("/members/invite/", {"email": "invitee@example.fi", "role": Role.OWNER})
    found = re.search(r"https?://\S+", mailoutbox[-1].body)
    assert found is not None
    path = urlsplit(found.group(0)).path
    other = host_client("localhost", outsider)

    page = other.get(path)
    accepted = other.post(path)

    assert page.status_code == accepted.status_code == 403
    assert "invitee@example.fi" in page.content.decode()
    assert "Log out" in page.content.decode()
    assert not Membership.objects.filter(user=outsider, organisation=acme).exists()
    assert Invitation.objects.get(email="invitee@example.fi").accepted_at is None


def test_an_account_creates_organisations_only_up_to_the_hourly_limit(settings, owner, acme):
    settings.SELOSTE_ORGANISATIONS_PER_HOUR = 3
    client = host_client("localhost", owner)

    answers = [_new_organisation(client, f"extra-{n}") for n in range(4)]

    assert [a.status_code for a in answers] == [302, 302, 302, 200]
    assert "in the last hour" in answers[-1].content.decode()
    assert not Organisation.objects.filter(slug="extra-3").exists()


def test_one_address_shares_the_hourly_limit_between_accounts(settings, db):
    settings.SELOSTE_ORGANISATIONS_PER_HOUR = 2
    first = host_client("localhost", make_user("a@example.fi"))
    second = host_client("localhost", make_user("b@example.fi"))

    answers = [
        _new_organisation(first, "one-a"),
        _new_organisation(first, "one-b"),
        _new_organisation(second, "two-a"),
    ]

    assert [a.status_code for a in answers] == [302, 302, 200]


def test_an_operator_caps_how_many_organisations_one_account_owns(settings, owner, acme):
    settings.SELOSTE_MAX_OWNED_ORGANISATIONS = 2
    client = host_client("localhost", owner)

    answers = [_new_organisation(client, slug) for slug in ("second", "third")]

    assert [a.status_code for a in answers] == [302, 200]
    assert "the most this service allows" in answers[-1].content.decode()
    assert Membership.objects.filter(user=owner, role=Role.OWNER).count() == 2


def test_invitations_are_limited_per_hour_and_cancelling_does_not_reset(
    settings, owner_client, acme, mailoutbox
):
    settings.SELOSTE_INVITATIONS_PER_HOUR = 2
    for n in range(2):
        owner_client.post("/members/invite/", {"email": f"p{n}@example.fi", "role": Role.EDITOR})
    for invitation in Invitation.objects.all():
        owner_client.post(f"/members/invitations/{invitation.pk}/cancel/")

    refused = owner_client.post("/members/invite/", {"email": "p9@example.fi", "role": "editor"})

    assert refused.status_code == 200
    assert "in the last hour" in refused.content.decode()
    assert len(mailoutbox) == 2
    assert not Invitation.objects.filter(email="p9@example.fi").exists()


def test_open_invitations_are_capped(settings, owner_client, acme, mailoutbox):
    settings.SELOSTE_MAX_OPEN_INVITATIONS = 2
    answers = [
        owner_client.post("/members/invite/", {"email": f"q{n}@example.fi", "role": "viewer"})
        for n in range(3)
    ]

    assert [a.status_code for a in answers] == [302, 302, 200]
    assert "waiting to be accepted" in answers[-1].content.decode()
    assert AuditEvent.objects.filter(action="member_invited").count() == 2


def test_an_organisation_name_on_two_lines_is_refused(owner):
    client = host_client("localhost", owner)

    response = _new_organisation(client, "crlf-oy", name="Crlf Oy\r\nBcc: victim@example.fi")

    assert response.status_code == 200
    assert "on one line" in response.content.decode()
    assert not Organisation.objects.filter(slug="crlf-oy").exists()


def test_a_mail_that_fails_is_reported_not_claimed_sent(owner_client, acme, settings):
    # An unreachable SMTP server: sending fails at once with the immediate task backend.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }

    response = owner_client.post(
        "/members/invite/", {"email": "unlucky@example.fi", "role": "editor"}, follow=True
    )

    page = response.content.decode()
    assert "could not be mailed" in page
    assert "Invitation sent" not in page
