from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from tenants.access import membership_for
from tenants.models import Membership, Organisation, host_url


def organisations(request: HttpRequest) -> dict[str, Any]:
    """The organisation of this host and the user's others, for the header and its switcher."""
    tenant = getattr(request, "tenant", None)
    on_tenant = isinstance(tenant, Organisation) and tenant.schema_name != "public"
    context: dict[str, Any] = {
        "organisation": tenant if on_tenant else None,
        "public_site_url": host_url(settings.BASE_DOMAIN),
    }
    if request.user.is_authenticated:
        context["membership"] = membership_for(request) if on_tenant else None
        context["my_memberships"] = list(
            Membership.objects.filter(user=request.user)
            .select_related("organisation")
            .order_by("organisation__name")
        )
    return context
