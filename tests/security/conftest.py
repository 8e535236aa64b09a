"""Two organisations with published notices: acme's ordinary, globex's full of marker strings.

Whatever acme's host or a non-member of globex is shown must never contain a marker.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from django_tenants.utils import schema_context
from PIL import Image

from registers.models import (
    ProcessingRecord,
    ProcessorActivity,
    PublicationReview,
    RecordSnapshot,
    Register,
    Version,
)
from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from registers.record.build import record_data
from tenants.branding.images import clean_logo
from tenants.models import (
    CustomHost,
    Domain,
    Invitation,
    Logo,
    Membership,
    Organisation,
    RegisterTemplate,
    Role,
)
from tests.registers.document.test_document import full_controller, full_register, tr

# Strings that exist only in globex's data: its register, its controller, its invitee.
MARKERS = ("Zorbulon", "owner@globex.example")
GLOBEX_REGISTER = "zb-reg"
ACME_REGISTER = "asiakkaat"
SHORT_KEY = "tilausten-kasittely"
# Globex's own host name for its notices, verified.
GLOBEX_HOST = "privacy.zorbulon.example"


@dataclass
class GlobexData:
    register_slug: str
    member_pk: int
    invitation_pk: int
    version: int
    snapshot_pk: int
    template_pk: int
    review_pk: int
    logo_digest: str
    custom_host: str


@pytest.fixture(autouse=True)
def _served_afresh() -> None:
    """Published outputs are memoised per process; each test's database starts empty.

    The cache also holds the sign-up throttle's counts, which must not carry over either.
    """
    forget_served()
    cache.clear()


def publish_in(organisation: Organisation, slug: str, user: Any, marker: str = "") -> Version:
    with schema_context(organisation.schema_name):
        controller = full_controller()
        if marker:
            controller.legal_name = f"{marker} Holdings Ab"
            controller.save()
        register: Register = full_register(slug=slug)
        # Each purpose names its data, so that it has a short notice (SHORT_KEY for the first).
        for purpose in register.purposes.all():
            purpose.categories.set(register.categories.all())
        if marker:
            register.name = tr(f"{marker} rekisteri", f"{marker} register", f"{marker} register")
            register.save()
        version = register_publish(register=register, user=user, summary="First")
        assert version is not None
        return version


@pytest.fixture
def acme_published(acme: Organisation, owner: Any) -> Version:
    return publish_in(acme, ACME_REGISTER, owner)


@pytest.fixture
def globex_data(globex: Organisation, outsider: Any) -> GlobexData:
    globex_owner = Membership.objects.get(organisation=globex, role=Role.OWNER).user
    version = publish_in(globex, GLOBEX_REGISTER, globex_owner, marker="Zorbulon")
    invitation, _token = Invitation.create(
        organisation=globex,
        email="invitee@zorbulon.example",
        role=Role.EDITOR,
        invited_by=globex_owner,
    )
    member = Membership.objects.get(organisation=globex, user=outsider)
    with schema_context(globex.schema_name):
        register = Register.objects.get(slug=GLOBEX_REGISTER)
        ProcessingRecord.objects.create(register=register, notes="Zorbulon internal notes")
        ProcessorActivity.objects.create(controller_name="Zorbulon client", processing="Hosting")
        # A number acme's own first copy will not have: each schema counts from 1.
        snapshot = RecordSnapshot.objects.create(pk=4242, language="en", data=record_data("en"))
        review = PublicationReview.objects.create(
            pk=4243,
            register=register,
            register_version=register.version,
            controller_version=1,
            content_hash="0" * 64,
            message="Zorbulon review message",
        )
    template = RegisterTemplate.objects.create(
        name="Zorbulon template", organisation=globex, data={"name": {"en": "Zorbulon"}}
    )
    logo = logo_of(globex)
    custom = CustomHost.objects.create(
        organisation=globex, host=GLOBEX_HOST, verified_at=timezone.now()
    )
    Domain.objects.create(domain=custom.host, tenant=globex, is_primary=False)
    return GlobexData(
        GLOBEX_REGISTER,
        member.pk,
        invitation.pk,
        version.number,
        snapshot.pk,
        template.pk,
        review.pk,
        logo.digest,
        custom.host,
    )


def logo_of(organisation: Organisation) -> Logo:
    image = io.BytesIO()
    Image.new("RGB", (40, 20), (11, 92, 173)).save(image, format="PNG")
    clean = clean_logo(image.getvalue())
    return Logo.objects.create(
        organisation=organisation,
        digest=clean.digest,
        png=clean.png,
        width=clean.width,
        height=clean.height,
    )
