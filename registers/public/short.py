"""Just-in-time notices for anyone: the embed script, its fragment and frame, per purpose.

The same rules as the full notice's embed: stored bytes with an ETag, no cookies, each endpoint
with exactly the Content-Security-Policy it needs, and the fragment open to any origin (CORS).
"""

from __future__ import annotations

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from registers.models import ShortNoticeOutput, Version
from registers.public.views import FRAGMENT_POLICY, FRAME_POLICY, HTML, SCRIPT_POLICY, serve
from registers.publishing.served import Served, find_version, memoised, remember


def _find(slug: str, lang: str, key: str, number: int | None, field: str) -> ShortNoticeOutput:
    version = find_version(slug, number)
    found = (
        ShortNoticeOutput.objects.filter(version=version, language=lang, key=key)
        .only("version", field)
        .first()
    )
    if found is None:
        raise Http404
    found.version = version
    return found


@require_safe
@csp_override(SCRIPT_POLICY)
def short_script(
    request: HttpRequest, slug: str, lang: str, key: str, number: int | None = None
) -> HttpResponse:
    short = _find(slug, lang, key, number, "key")  # 404 for a purpose without a short notice
    script = Version.objects.values_list("script", flat=True).get(pk=short.version.pk)
    response = serve(
        request, script, "text/javascript; charset=utf-8", short.version, number is None
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def memo_field(key: str, field: str) -> str:
    """The served memo's name of one output of a short notice (the fast path uses it too)."""
    return f"short/{key}/{field}"


def served_short(slug: str, lang: str, key: str, number: int | None, field: str) -> Served:
    memo = (getattr(connection, "schema_name", ""), slug, lang, number, memo_field(key, field))
    hit = memoised(*memo)
    if hit is not None:
        return hit
    short = _find(slug, lang, key, number, field)
    return remember(memo, getattr(short, field), short.version)


@require_safe
@csp_override(FRAGMENT_POLICY)
def short_fragment(
    request: HttpRequest, slug: str, lang: str, key: str, number: int | None = None
) -> HttpResponse:
    hit = served_short(slug, lang, key, number, "fragment")
    response = serve(request, hit.body, HTML, hit, latest=number is None)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@xframe_options_exempt
@csp_override(FRAME_POLICY)
def short_frame(
    request: HttpRequest, slug: str, lang: str, key: str, number: int | None = None
) -> HttpResponse:
    hit = served_short(slug, lang, key, number, "frame")
    return serve(request, hit.body, HTML, hit, latest=number is None)
