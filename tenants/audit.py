"""Recording who did what: one function, called wherever something changes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tenants.models import AuditEvent, Organisation


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    action: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    organisation: Organisation | None = None,
    **detail: Any,
) -> AuditEvent:
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if organisation is None and request is not None:
        tenant = getattr(request, "tenant", None)
        if isinstance(tenant, Organisation) and tenant.schema_name != "public":
            organisation = tenant
    return AuditEvent.objects.create(
        organisation=organisation,
        user=user,
        action=action,
        detail=detail,
        ip_address=client_ip(request),
    )
