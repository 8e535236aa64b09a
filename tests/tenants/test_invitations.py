"""Invitations: sent by mail, accepted once, by a new or an existing user, within 14 days."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.utils import timezone

from tenants.models import AuditEvent, Invitation, Membership, Role
from tests.conftest import PASSWORD, host_client, make_user

NEW_PASSWORD = {
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


def invite(
    owner_client: Any, mailoutbox: Any, email: str = "new@example.fi", role: str = Role.EDITOR
) -> str:
    """Invite through the members page; return the path of the mailed link."""
    response = owner_client.post("/members/invite/", {"email": email, "role": role})
    assert response.status_code == 302
    found = re.search(r"https?://\S+", mailoutbox[-1].body)
    assert found is not None
    link = found.group(0)
    assert urlsplit(link).hostname == "localhost"
    return urlsplit(link).path


def test_an_invitation_is_mailed_and_audited(owner_client, acme, mailoutbox):
    invite(owner_client, mailoutbox, email="New@Example.fi")

    assert mailoutbox[0].to == ["new@example.fi"]
    assert "Acme Oy" in mailoutbox[0].subject
    assert AuditEvent.objects.filter(action="member_invited", organisation=acme).exists()


def test_the_link_is_shown_to_the_owner_once(owner_client, mailoutbox):
    path = invite(owner_client, mailoutbox)

    assert path in owner_client.get("/members/").content.decode()
    assert path not in owner_client.get("/members/").content.decode()


def test_a_new_user_accepts_and_gets_an_account(owner_client, acme, mailoutbox):
    path = invite(owner_client, mailoutbox)
    visitor = host_client("localhost")

    response = visitor.post(path, NEW_PASSWORD)

    assert response.status_code == 302
    user = get_user_model().objects.get(username="new@example.fi")
    assert user.check_password(NEW_PASSWORD["password1"])
    assert Membership.objects.get(user=user, organisation=acme).role == Role.EDITOR
    assert response["Location"].startswith("http://acme.localhost:8000/accounts/handoff/")
    event = AuditEvent.objects.get(action="invitation_accepted")
    assert (event.user, event.organisation) == (user, acme)


def test_a_new_users_weak_password_is_refused_and_nothing_is_created(owner_client, mailoutbox):
    path = invite(owner_client, mailoutbox)

    response = host_client("localhost").post(
        path, {"password1": "password", "password2": "password"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not get_user_model().objects.filter(username="new@example.fi").exists()


def test_an_invitation_works_only_once(owner_client, acme, mailoutbox):
    path = invite(owner_client, mailoutbox)
    host_client("localhost").post(path, NEW_PASSWORD)

    again = host_client("localhost").post(path, NEW_PASSWORD)
    existing_user = host_client("localhost", make_user("other@example.fi")).post(path)

    assert again.status_code == 404
    assert "not valid" in again.content.decode()
    assert existing_user.status_code == 404
    assert Membership.objects.filter(organisation=acme).count() == 2


def test_an_existing_user_logs_in_and_accepts(owner_client, acme, globex, outsider, mailoutbox):
    path = invite(owner_client, mailoutbox, email=outsider.email, role=Role.VIEWER)
    anonymous = host_client("localhost").get(path)
    assert "/accounts/login/?next=" in anonymous.content.decode()
    client = host_client("localhost", outsider)

    page = client.get(path)
    response = client.post(path)

    assert outsider.email in page.content.decode()
    assert response.status_code == 302
    assert Membership.objects.get(user=outsider, organisation=acme).role == Role.VIEWER
    assert Membership.objects.filter(user=outsider, organisation=globex).exists()
    assert Invitation.objects.get(email=outsider.email).accepted_by == outsider


def test_an_expired_invitation_is_refused(owner_client, acme, mailoutbox):
    path = invite(owner_client, mailoutbox)
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=14, minutes=1))

    response = host_client("localhost").post(path, NEW_PASSWORD)

    assert response.status_code == 404
    assert not get_user_model().objects.filter(username="new@example.fi").exists()


def test_an_invitation_is_open_for_fourteen_days(owner_client, acme, mailoutbox):
    path = invite(owner_client, mailoutbox)
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=13, hours=23))

    assert host_client("localhost").post(path, NEW_PASSWORD).status_code == 302


def test_a_cancelled_invitation_is_refused(owner_client, acme, mailoutbox):
    path = invite(owner_client, mailoutbox)
    invitation = Invitation.objects.get()

    owner_client.post(f"/members/invitations/{invitation.pk}/cancel/")

    assert host_client("localhost").get(path).status_code == 404
    assert AuditEvent.objects.filter(action="invitation_cancelled").exists()


def test_an_unknown_token_is_refused(db):
    assert host_client("localhost").get("/invitations/not-a-token/").status_code == 404


def test_a_member_cannot_be_invited_twice(owner_client, editor, mailoutbox):
    response = owner_client.post("/members/invite/", {"email": editor.email, "role": Role.EDITOR})

    assert "already a member" in response.content.decode()
    assert mailoutbox == []


def test_an_open_invitation_is_not_repeated(owner_client, mailoutbox):
    invite(owner_client, mailoutbox)

    response = owner_client.post("/members/invite/", {"email": "new@example.fi", "role": "editor"})

    assert "open invitation" in response.content.decode()
    assert len(mailoutbox) == 1


def test_the_invited_password_is_the_users(owner_client, mailoutbox):
    path = invite(owner_client, mailoutbox)
    host_client("localhost").post(path, NEW_PASSWORD)

    assert not get_user_model().objects.get(username="new@example.fi").check_password(PASSWORD)
