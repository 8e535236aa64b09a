"""No organisation's pages or data reach a member of another one, by host or by ID."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tenants.models import Invitation, Membership, Role
from tests.conftest import host_client


def test_a_member_of_acme_cannot_change_a_globex_membership_through_acmes_host(
    owner_client, globex
):
    target = Membership.objects.get(organisation=globex)

    response = owner_client.post(f"/members/{target.pk}/role/", {"role": Role.VIEWER})

    assert response.status_code == 404
    target.refresh_from_db()
    assert target.role == Role.OWNER


def test_a_member_of_acme_is_refused_on_globexs_host(owner, acme, globex):
    target = Membership.objects.get(organisation=globex)
    client = host_client(globex.host, owner)

    assert client.post(f"/members/{target.pk}/role/", {"role": Role.VIEWER}).status_code == 403
    assert client.post(f"/members/{target.pk}/remove/").status_code == 403
    assert client.get("/members/").status_code == 403
    assert client.get("/audit/").status_code == 403
    target.refresh_from_db()
    assert target.role == Role.OWNER


def test_no_id_of_globex_works_on_acmes_host(owner_client, globex):
    membership = Membership.objects.get(organisation=globex)
    invitation, _token = Invitation.create(
        organisation=globex, email="x@globex.example", role=Role.EDITOR, invited_by=None
    )

    assert owner_client.post(f"/members/{membership.pk}/remove/").status_code == 404
    assert owner_client.post(f"/members/invitations/{invitation.pk}/cancel/").status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_acmes_members_page_shows_nothing_of_globex(owner_client, globex):
    Invitation.create(organisation=globex, email="x@globex.example", role="editor", invited_by=None)

    content = owner_client.get("/members/").content.decode()

    assert "owner@acme.example" in content
    assert "globex.example" not in content


def test_an_outsider_gets_no_page_of_acme(outsider_client):
    assert outsider_client.get("/").status_code == 403
    assert outsider_client.get("/members/").status_code == 403


def test_the_switcher_will_not_hand_off_to_an_organisation_the_user_is_not_in(owner_client, globex):
    assert owner_client.get("/organisations/go/globex/").status_code == 404


def test_an_unknown_host_is_not_found_on_any_path(owner):
    client = host_client("nobody.localhost", owner)

    assert client.get("/members/").status_code == 404
    assert client.get("/accounts/login/").status_code == 404


def test_organisation_pages_do_not_exist_on_the_public_site(public_client):
    assert public_client.get("/members/").status_code == 404
    assert public_client.get("/accounts/handoff/?t=x").status_code == 404


def _tenant_views(patterns: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _tenant_views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _example_path(route: str) -> str:
    """A concrete path for a route: every converter gets a value that would match."""
    examples = {
        "<int:pk>": "1",
        "<slug:slug>": "x",
        "<slug:section>": "basics",
        "<slug:question>": "people",
        "<str:fmt>": "csv",
        "<int:review>": "1",
        "<slug:key>": "x",
        "<str:digest>": "0" * 64,
        "<str:hex6>": "0b5cad",
    }
    for placeholder, value in examples.items():
        route = route.replace(placeholder, value)
    path = "/" + route.replace("<str:token>", "x")
    assert "<" not in path, f"no example value for a parameter of {route}"
    return path


GUARDED = [
    (route, view.required_role)
    for route, view in _tenant_views(get_resolver("config.urls_tenants").url_patterns)
    if getattr(view, "required_role", Role.VIEWER) != Role.VIEWER
]


def test_some_tenant_views_need_more_than_viewing():
    assert {"members/invite/", "members/<int:pk>/role/"} <= {route for route, _ in GUARDED}


@pytest.mark.parametrize(("route", "role"), GUARDED)
def test_a_viewer_is_refused_every_endpoint_that_needs_more(viewer_client, route, role):
    assert viewer_client.post(_example_path(route), {}).status_code == 403
