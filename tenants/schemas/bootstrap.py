"""The two schemas every installation has besides the organisations' own."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from tenants.models import TEMPLATE_SCHEMA, Domain, Organisation


def ensure_public() -> Organisation:
    """The public schema's row, reached at the base domain: landing page, sign-up, admin."""
    public: Organisation
    public, _created = Organisation.objects.get_or_create(
        schema_name="public", defaults={"name": "Seloste", "slug": "public"}
    )
    Domain.objects.update_or_create(
        domain=settings.BASE_DOMAIN, defaults={"tenant": public, "is_primary": True}
    )
    return public


def ensure_template() -> Organisation:
    """The migrated schema that new organisations are cloned from; it has no host name."""
    with transaction.atomic():
        template: Organisation | None = Organisation.objects.filter(
            schema_name=TEMPLATE_SCHEMA
        ).first()
        if template is None:
            template = Organisation(
                schema_name=TEMPLATE_SCHEMA, name="Template", slug="org-template"
            )
            template.save(verbosity=0)
    return template
