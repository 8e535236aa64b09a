from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from tenants.audit import client_ip, record
from tenants.models import AuditEvent, Membership, Organisation


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record("login", request=request, user=user)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))
    tenant = getattr(request, "tenant", None)
    if isinstance(tenant, Organisation) and tenant.schema_name != "public":
        member = Membership.objects.filter(organisation=tenant, user__username__iexact=username)
        if not member.exists():
            # Anyone can fail to log in under any name: a non-member's failures stay out of the
            # organisation's trail (operators see them), so they cannot push its events away.
            AuditEvent.objects.create(
                action="login_failed",
                detail={"username": username, "host": tenant.slug},
                ip_address=client_ip(request),
            )
            return
    record("login_failed", request=request, username=username)
