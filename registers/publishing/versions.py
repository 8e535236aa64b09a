"""Publishing: a checked register frozen into an immutable version with every output rendered.

``register_publish`` is the only way a version comes to be. It runs in one transaction with the
register row locked, so two owners publishing at once get consecutive numbers or one "no change".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from babel import Locale
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from ops.observe import timed_publish, timed_render
from registers.compliance import Finding, blocking, check
from registers.document import NoticeDocument, build_document
from registers.models import Controller, Register, Version, VersionOutput
from registers.portable import exported_fields, register_to_dict
from registers.publishing.branding import brand_of, branding_data
from registers.publishing.served import forget_served
from registers.publishing.short import publish_short_notices
from registers.render.embed import embed_script
from registers.render.html import Alternate, PageLinks, render_fragment, render_frame, render_page
from registers.render.pdf import render_pdf
from tenants import audit
from tenants.models import Organisation
from tenants.queue.tasks import tenant_task


class PublishBlocked(Exception):
    """The checker found errors; nothing was published."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        super().__init__(", ".join(f.code for f in self.findings))


def snapshot(register: Register, controller: Controller) -> dict[str, Any]:
    """The structured data a version is made from (the JSON export's format)."""
    controller_data = {
        f.name: getattr(controller, f.attname)
        for f in exported_fields(Controller)
        if not f.is_relation
    }
    data = {"controller": controller_data, "register": register_to_dict(register)}
    branding = branding_data(current_organisation())
    return data | {"branding": branding} if branding else data


def content_hash(data: dict[str, Any], fragments: Sequence[str]) -> str:
    """sha256 of the canonical data and of what readers see, minus the publishing date itself."""
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode())
    for fragment in fragments:
        digest.update(b"\0" + fragment.encode())
    return digest.hexdigest()


@timed_publish
def register_publish(*, register: Register, user: Any, summary: str) -> Version | None:
    """Publish ``register``: a new version, or None when nothing changed since the latest.

    Raises PublishBlocked when the checker finds errors.
    """
    with transaction.atomic():
        register = Register.objects.select_for_update().get(pk=register.pk)
        controller = Controller.load()
        errors = blocking(check(register, controller))
        if errors:
            raise PublishBlocked(errors)
        # SEL-ANSWER-EFFECTIVE-DATE blocks above: the date is the user's, never today's.
        assert register.effective_date is not None
        data = snapshot(register, controller)
        drafts = [build_document(register, controller, lang) for lang in register.languages]
        digest = content_hash(data, [render_fragment(d) for d in drafts])
        latest = register.versions.order_by("-number").first()
        if latest is not None and latest.content_hash == digest:
            return None
        version = Version.objects.create(
            register=register,
            number=latest.number + 1 if latest else 1,
            languages=list(register.languages),
            data=data,
            content_hash=digest,
            script=embed_script(),
            effective_date=register.effective_date,
            summary=summary.strip(),
            published_by=user if getattr(user, "is_authenticated", False) else None,
        )
        for language in register.languages:
            _render_outputs(version, register, controller, language)
        publish_short_notices(version, register, controller, current_organisation())
        audit.record(
            "register.published",
            user=version.published_by,
            organisation=current_organisation(),
            register=register.slug,
            version=version.number,
            summary=version.summary,
        )
        transaction.on_commit(forget_served)
    return version


def current_organisation() -> Organisation | None:
    """The organisation whose schema this connection is in (django-tenants sets it)."""
    schema = getattr(connection, "schema_name", "public")
    return Organisation.objects.filter(schema_name=schema).first()


@tenant_task
def publish_in_background(register_slug: str, user_id: int | None, summary: str) -> int | None:
    """``register_publish`` as a task: with a queue, the rendering (PDFs above all) leaves the
    web request; the version is still frozen in one transaction. Returns the new number, if any."""
    register = Register.objects.get(slug=register_slug)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    version = register_publish(register=register, user=user, summary=summary)
    return version.number if version else None


def _render_outputs(
    version: Version, register: Register, controller: Controller, language: str
) -> VersionOutput:
    published = timezone.localdate(version.published_at)
    document = build_document(
        register, controller, language, effective_date=version.effective_date, updated=published
    )
    return store_outputs(version, document)


@timed_render
def store_outputs(version: Version, document: NoticeDocument) -> VersionOutput:
    """Render every output of one language of a version from its document, and keep them."""
    brand = brand_of(version.data, current_organisation())
    number = version.number
    fragment = render_fragment(document, number=number, brand=brand)
    return VersionOutput.objects.create(
        version=version,
        language=document.language,
        document=document.to_dict(),
        page=render_page(
            document, page_links(version, document.language), number=number, brand=brand
        ),
        fragment=fragment,
        frame=render_frame(document, fragment, brand=brand),
        pdf=render_pdf(document, number=number, brand=brand),
    )


def page_links(version: Version, language: str) -> PageLinks:
    """The links of a version's page: every URL names this version, so the page never changes."""
    slug = version.register.slug

    def url(name: str, lang: str) -> str:
        return reverse(name, kwargs={"slug": slug, "lang": lang, "number": version.number})

    alternates = tuple(
        Alternate(language=lang, url=url("notice_version", lang), name=language_name(lang))
        for lang in version.languages
    )
    return PageLinks(
        canonical=url("notice_version", language),
        pdf=url("notice_version_pdf", language),
        archive=reverse("notice_archive", kwargs={"slug": slug}),
        alternates=alternates,
        current=reverse("notice_page", kwargs={"slug": slug, "lang": language}),
        jsonld=url("notice_version_jsonld", language),
        feed=reverse("notice_feed", kwargs={"slug": slug, "lang": language}),
    )


def language_name(code: str) -> str:
    """A language named in itself ("Suomi", "Svenska"), as a language switcher shows it."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def latest_version(register: Register) -> Version | None:
    return register.versions.order_by("-number").first()


def draft_document(register: Register, language: str) -> NoticeDocument:
    """The notice as it would read if published now (the editor's preview)."""
    return build_document(register, Controller.load(), language)
