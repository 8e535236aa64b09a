"""Owners manage members; editors and viewers cannot; an organisation always keeps an owner."""

from __future__ import annotations

from typing import Any

import pytest

from tenants.models import AuditEvent, Invitation, Membership, Role
from tests.conftest import host_client


@pytest.fixture
def second_owner(acme: Any) -> Any:
    from tests.conftest import make_user

    user = make_user("second@acme.example")
    Membership.objects.create(user=user, organisation=acme, role=Role.OWNER)
    return user


def membership_of(user: Any, organisation: Any) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


def member_endpoints(acme: Any, owner: Any) -> list[tuple[str, dict[str, str]]]:
    """Every POST that changes members, aimed at acme's owner."""
    target = membership_of(owner, acme)
    invitation, _token = Invitation.create(
        organisation=acme, email="new@acme.example", role=Role.EDITOR, invited_by=owner
    )
    return [
        ("/members/invite/", {"email": "someone@acme.example", "role": Role.OWNER}),
        (f"/members/{target.pk}/role/", {"role": Role.VIEWER}),
        (f"/members/{target.pk}/remove/", {}),
        (f"/members/invitations/{invitation.pk}/cancel/", {}),
    ]


def snapshot(acme: Any) -> tuple[list[Any], list[Any]]:
    return (
        sorted(Membership.objects.filter(organisation=acme).values_list("user_id", "role")),
        sorted(Invitation.objects.filter(organisation=acme).values_list("email", flat=True)),
    )


@pytest.mark.parametrize("client_name", ["viewer_client", "editor_client"])
def test_viewers_and_editors_cannot_manage_members(request, acme, owner, client_name):
    client = request.getfixturevalue(client_name)
    endpoints = member_endpoints(acme, owner)
    before = snapshot(acme)

    statuses = [client.post(path, data).status_code for path, data in endpoints]

    assert statuses == [403] * len(endpoints)
    assert snapshot(acme) == before


def test_a_viewer_sees_the_members_but_no_controls(viewer_client):
    content = viewer_client.get("/members/").content.decode()

    assert "owner@acme.example" in content
    assert "/members/invite/" not in content
    assert "/remove/" not in content


def test_an_owner_changes_a_role_and_it_is_audited(owner_client, acme, editor):
    membership = membership_of(editor, acme)

    response = owner_client.post(f"/members/{membership.pk}/role/", {"role": Role.VIEWER})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER
    event = AuditEvent.objects.get(action="member_role_changed")
    assert event.organisation == acme
    assert event.detail == {"member": "editor@acme.example", "old": "editor", "new": "viewer"}


def test_an_owner_removes_a_member_and_it_is_audited(owner_client, acme, editor):
    membership = membership_of(editor, acme)

    owner_client.post(f"/members/{membership.pk}/remove/")

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="member_removed", organisation=acme).exists()
    assert host_client(acme.host, editor).get("/members/").status_code == 403


def test_an_unknown_role_is_refused(owner_client, acme, editor):
    membership = membership_of(editor, acme)

    owner_client.post(f"/members/{membership.pk}/role/", {"role": "admin"})

    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


def test_the_last_owner_cannot_be_demoted(owner_client, acme, owner):
    membership = membership_of(owner, acme)

    response = owner_client.post(
        f"/members/{membership.pk}/role/", {"role": Role.EDITOR}, follow=True
    )

    membership.refresh_from_db()
    assert membership.role == Role.OWNER
    assert "at least one owner" in response.content.decode()
    assert not AuditEvent.objects.filter(action="member_role_changed").exists()


def test_the_last_owner_cannot_be_removed(owner_client, acme, owner):
    membership = membership_of(owner, acme)

    response = owner_client.post(f"/members/{membership.pk}/remove/", follow=True)

    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "last owner cannot be removed" in response.content.decode()


def test_an_owner_may_step_down_when_another_owner_remains(owner_client, acme, owner, second_owner):
    membership = membership_of(owner, acme)

    owner_client.post(f"/members/{membership.pk}/role/", {"role": Role.EDITOR})

    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
    # The remaining owner is now the last one.
    last = membership_of(second_owner, acme)
    client = host_client(acme.host, second_owner)
    client.post(f"/members/{last.pk}/remove/")
    assert Membership.objects.filter(pk=last.pk).exists()


def test_an_owner_who_leaves_is_sent_to_their_organisations(
    owner_client, acme, owner, second_owner
):
    membership = membership_of(owner, acme)

    response = owner_client.post(f"/members/{membership.pk}/remove/")

    assert response["Location"] == "/organisations/"
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_post_endpoint_refuses_get(owner_client, acme, editor):
    membership = membership_of(editor, acme)

    assert owner_client.get(f"/members/{membership.pk}/remove/").status_code == 405
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_anonymous_visitor_is_sent_to_log_in(acme, editor):
    membership = membership_of(editor, acme)
    response = host_client(acme.host).post(f"/members/{membership.pk}/remove/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Membership.objects.filter(pk=membership.pk).exists()
