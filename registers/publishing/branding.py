"""The organisation's branding in what is published.

Branding is part of a version: its data names the accent and the logo's content hash, so a
change of branding is a change the overview reports and the next publication shows, and every
version keeps rendering (and re-rendering) with the branding it was published with. An
organisation without branding publishes data without the key, exactly as before.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from registers.render.brand import Brand
from tenants.models import Branding, Logo, Organisation

TENANT_URLS = "config.urls_tenants"


def branding_data(organisation: Organisation | None) -> dict[str, str]:
    """What a version records of the organisation's current branding; empty when none."""
    if organisation is None:
        return {}
    branding = Branding.objects.filter(organisation=organisation).select_related("logo").first()
    if branding is None:
        return {}
    data = {"accent": branding.accent, "logo": branding.logo.digest if branding.logo else ""}
    return {key: value for key, value in data.items() if value}


def brand_of(data: dict[str, Any], organisation: Organisation | None) -> Brand | None:
    """The writers' branding of a version's data (None when it was published without)."""
    recorded = data.get("branding") or {}
    if not recorded or organisation is None:
        return None
    name = str(data.get("controller", {}).get("legal_name") or organisation.name)
    accent = str(recorded.get("accent", ""))
    sheet = reverse("branding_accent", urlconf=TENANT_URLS, args=[accent[1:]]) if accent else ""
    logo = Logo.objects.filter(organisation=organisation, digest=recorded.get("logo", "")).first()
    if logo is None:
        return Brand(name=name, accent=accent, accent_sheet=sheet)
    path = reverse("branding_logo", urlconf=TENANT_URLS, args=[logo.digest])
    return Brand(
        name=name,
        accent=accent,
        accent_sheet=sheet,
        logo_url=organisation.url(path),
        logo_path=path,
        logo_png=bytes(logo.png),
        logo_width=logo.width,
        logo_height=logo.height,
    )
