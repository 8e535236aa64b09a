"""The signed-in user's memberships: the only way the portfolio finds an organisation."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tenants.models import Membership


def my_memberships(user: Any) -> list[Membership]:
    """The user's memberships, organisations being deleted left out (their pages are closed)."""
    return list(
        Membership.objects.filter(user=user, organisation__deletion_requested_at=None)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def membership_of(user: Any, slug: str) -> Membership:
    """The user's membership of the organisation at ``slug``; 404 without one."""
    found = next((m for m in my_memberships(user) if m.organisation.slug == slug), None)
    if found is None:
        raise Http404
    return found
