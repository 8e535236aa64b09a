"""Refusals inside the site, in the reader's language: what was refused, and who can help.

A 403 names the role the page needs (``role_required`` passes it along) and the organisation's
owners, who can grant it; a 404 leads back to the registers.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import render
from django.template.loader import render_to_string
from django_ratelimit.exceptions import Ratelimited

from tenants.models import Membership, Organisation, Role


def _organisation(request: HttpRequest) -> Organisation | None:
    tenant = getattr(request, "tenant", None)
    if isinstance(tenant, Organisation) and tenant.schema_name != "public":
        return tenant
    return None


def _owners(organisation: Organisation | None, request: HttpRequest) -> list[str]:
    # Only a member may learn who the owners are; to anyone else the refusal names nobody.
    if organisation is None or not request.user.is_authenticated:
        return []
    members = Membership.objects.filter(organisation=organisation)
    if not members.filter(user=request.user).exists():
        return []
    owners = members.filter(role=Role.OWNER).select_related("user").order_by("user__email")
    return [membership.user.email for membership in owners]


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, Ratelimited):
        # The sign-up throttle: not a question of membership, and the right status for it.
        return render(request, "429.html", status=429)
    needed = str(exception) if exception is not None else ""
    context: dict[str, Any] = {
        "role": Role(needed).label if needed in Role.values else None,
        "owners": _owners(_organisation(request), request),
    }
    return render(request, "403.html", context, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if not hasattr(request, "user"):
        # An unknown host, refused before sessions: no site and no language to put around it.
        return HttpResponseNotFound(render_to_string("404_no_site.html"))
    return render(
        request, "404.html", {"on_tenant": _organisation(request) is not None}, status=404
    )
