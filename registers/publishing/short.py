"""Just-in-time notices at publishing, and their snippets on the outputs page.

Each purpose that can have a short notice gets one per language of the version, rendered and
frozen with it; a purpose that cannot is listed with what is not answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from registers.document.jit import ShortNotice, build_short_notices, missing
from registers.models import Controller, Register, ShortNoticeOutput, Version
from registers.render.embed import sri
from registers.render.jit import render_short_fragment, render_short_frame
from tenants.models import Organisation


def full_notice_url(organisation: Organisation | None, slug: str, language: str) -> str:
    """The hosted notice, absolute when the organisation is known (the fragment travels)."""
    path = reverse("notice_page", kwargs={"slug": slug, "lang": language})
    return organisation.url(path) if organisation is not None else path


def store_short_notices(
    version: Version, notices: Sequence[ShortNotice], organisation: Organisation | None
) -> None:
    slug = version.register.slug
    for notice in notices:
        fragment = render_short_fragment(
            notice, full_url=full_notice_url(organisation, slug, notice.language)
        )
        ShortNoticeOutput.objects.create(
            version=version,
            language=notice.language,
            key=notice.key,
            document=notice.to_dict(),
            fragment=fragment,
            frame=render_short_frame(notice, fragment),
        )


def publish_short_notices(
    version: Version, register: Register, controller: Controller, organisation: Organisation | None
) -> None:
    for language in version.languages:
        store_short_notices(
            version, build_short_notices(register, controller, language), organisation
        )


def short_snippets(request: HttpRequest, version: Version, language: str) -> dict[str, Any]:
    """The outputs page's short notices of one language: a snippet per purpose, or why not."""
    slug = version.register.slug
    rows = ShortNoticeOutput.objects.filter(version=version, language=language).only(
        "key", "document"
    )

    def absolute(name: str, **kwargs: object) -> str:
        names = {"slug": slug, "lang": language, **kwargs}
        return request.build_absolute_uri(reverse(name, kwargs=names))

    notices = []
    for row in rows:
        url = absolute("short_script", key=row.key)
        pinned = absolute("short_version_script", key=row.key, number=version.number)
        notices.append(
            {
                "key": row.key,
                "purpose": row.document["purpose"],
                "snippet": f'<script src="{url}" async></script>',
                "pinned_snippet": (
                    f'<script src="{pinned}" integrity="{sri(version.script)}" '
                    'crossorigin="anonymous" async></script>'
                ),
                "fragment": absolute("short_fragment", key=row.key),
            }
        )
    return {"notices": notices, "missing": missing(version.register, language)}
