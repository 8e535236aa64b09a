"""Published notices for machines: DPV JSON-LD, the version in force on a date, a feed of versions.

All three read only published versions, like every public view, and answer 404 for anything else.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_safe

from registers.models import Version
from registers.public.views import serve
from registers.publishing.served import find_output
from registers.render.jsonld import notice_jsonld, render_jsonld


def version_path(version: Version, lang: str) -> str:
    kwargs = {"slug": version.register.slug, "lang": lang, "number": version.number}
    return reverse("notice_version", kwargs=kwargs)


@require_safe
def notice_jsonld_view(
    request: HttpRequest, slug: str, lang: str, number: int | None = None
) -> HttpResponse:
    version = find_output(slug, lang, number).version
    version = Version.objects.select_related("register").get(pk=version.pk)
    document = notice_jsonld(
        version.data,
        language=lang,
        url=request.build_absolute_uri(version_path(version, lang)),
        number=version.number,
        content_hash=version.content_hash,
        published=timezone.localdate(version.published_at).isoformat(),
        effective=version.effective_date.isoformat(),
    )
    body = render_jsonld(document)
    response = serve(request, body, "application/ld+json", version, latest=number is None)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def in_force(slug: str, lang: str, day: datetime.date) -> Version | None:
    """The version a reader was shown on ``day``: published by then and in effect by then, the
    latest such; None before the first."""
    published_by = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    return (
        Version.objects.filter(
            register__slug=slug,
            languages__contains=[lang],
            effective_date__lte=day,
            published_at__lt=published_by,
        )
        .defer("data", "script")
        .order_by("-effective_date", "-number")
        .first()
    )


@require_safe
def notice_at(request: HttpRequest, slug: str, lang: str, day: str) -> HttpResponse:
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    version = in_force(slug, lang, date)
    if version is None:
        raise Http404
    url = reverse("notice_version", kwargs={"slug": slug, "lang": lang, "number": version.number})
    return HttpResponseRedirect(url)


@dataclass(frozen=True)
class FeedItem:
    version: Version
    lang: str


class VersionFeed(Feed):  # type: ignore[type-arg]
    """Every published version of one register in one language, newest first (Atom)."""

    feed_type = feedgenerator.Atom1Feed

    def get_object(self, request: HttpRequest, slug: str, lang: str) -> list[FeedItem]:
        versions = (
            Version.objects.filter(register__slug=slug, languages__contains=[lang])
            .select_related("register")
            .defer("data", "script")
            .order_by("-number")[:50]
        )
        items = [FeedItem(version, lang) for version in versions]
        if not items:
            raise Http404
        return items

    def title(self, obj: list[FeedItem]) -> str:
        latest = obj[0]
        with override(latest.lang):
            return str(latest.version.register.title(latest.lang))

    def link(self, obj: list[FeedItem]) -> str:
        latest = obj[0]
        return reverse(
            "notice_page", kwargs={"slug": latest.version.register.slug, "lang": latest.lang}
        )

    def subtitle(self, obj: list[FeedItem]) -> str:
        with override(obj[0].lang):
            return _("Published versions of this privacy notice")

    def items(self, obj: list[FeedItem]) -> list[FeedItem]:
        return obj

    def item_title(self, item: FeedItem) -> str:
        with override(item.lang):
            return _("Version %(number)d") % {"number": item.version.number}

    def item_description(self, item: FeedItem) -> str:
        return item.version.summary

    def item_link(self, item: FeedItem) -> str:
        return version_path(item.version, item.lang)

    def item_pubdate(self, item: FeedItem) -> datetime.datetime:
        return item.version.published_at

    def item_updateddate(self, item: FeedItem) -> datetime.datetime:
        return item.version.published_at


# A feed is read, never posted to, like every public output.
version_feed = require_safe(VersionFeed())
