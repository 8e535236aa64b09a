"""The published notice on the organisation's host, for anyone: no login, no cookies.

Every output was rendered at publishing and is served from its version row like a static file.
The latest-version URLs revalidate (ETag, a minute of freshness); version URLs never change and
are cached for a year. Drafts, unknown registers and unpublished languages are all a plain 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from registers.document import NoticeDocument
from registers.models import Version
from registers.public.superseded import with_banner
from registers.publishing.changes import compare
from registers.publishing.served import Served, find_output, find_version, served

LATEST = "public, max-age=60, stale-while-revalidate=600"
IMMUTABLE = "public, max-age=31536000, immutable"

# Each embed endpoint gets exactly the policy it needs.
SCRIPT_POLICY: dict[str, list[str]] = {"default-src": [CSP.NONE], "frame-ancestors": [CSP.NONE]}
FRAGMENT_POLICY: dict[str, list[str]] = {"default-src": [CSP.NONE], "frame-ancestors": [CSP.NONE]}
FRAME_POLICY: dict[str, list[str]] = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": ["*"],
}
PDF_POLICY: dict[str, list[str]] = {"default-src": [CSP.NONE], "frame-ancestors": [CSP.SELF]}


def serve(
    request: HttpRequest, body: str | bytes, content_type: str, version: Any, latest: bool
) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = f'"{version.content_hash}"'
    response["Cache-Control"] = LATEST if latest else IMMUTABLE
    # Which notice a reader saw, for a site's own consent records: the number and the content
    # hash (the ETag), readable by the embed script on another origin.
    response["Seloste-Version"] = str(version.number)
    response["Access-Control-Expose-Headers"] = "ETag, Seloste-Version"
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    return conditional if conditional is not None else response


def output_view(field: str, content_type: str) -> Callable[..., HttpResponse]:
    """A view serving one stored output, for the latest version or a numbered one."""

    @require_safe
    def view(request: HttpRequest, slug: str, lang: str, number: int | None = None) -> HttpResponse:
        hit = served(slug, lang, number, field)
        return serve(request, hit.body, content_type, hit, latest=number is None)

    return view


HTML = "text/html; charset=utf-8"
_page = output_view("page", HTML)


@require_safe
def notice_page(
    request: HttpRequest, slug: str, lang: str, number: int | None = None
) -> HttpResponse:
    """The hosted page; a numbered version that a newer one replaced says so at the top."""
    if number is None:
        return _page(request, slug, lang)
    hit = served(slug, lang, number, "page")
    current = find_version(slug)
    if current.number == number:
        # Still current: revalidated like the latest, so its copies get the banner once replaced.
        return serve(request, hit.body, HTML, hit, latest=True)
    body = hit.body.decode() if isinstance(hit.body, bytes) else hit.body
    banner = with_banner(body, slug=slug, lang=lang, number=number)
    replaced = Served(banner, f"{hit.content_hash}-superseded", hit.number, hit.expires)
    return serve(request, banner, HTML, replaced, latest=False)


_pdf = output_view("pdf", "application/pdf")
_fragment = output_view("fragment", HTML)
_frame = output_view("frame", HTML)


@csp_override(PDF_POLICY)
def notice_pdf(
    request: HttpRequest, slug: str, lang: str, number: int | None = None
) -> HttpResponse:
    response = _pdf(request, slug, lang, number)
    suffix = f"-v{number}" if number else ""
    response["Content-Disposition"] = f'inline; filename="{slug}-{lang}{suffix}.pdf"'
    return response


@require_safe
def notice_json(
    request: HttpRequest, slug: str, lang: str, number: int | None = None
) -> HttpResponse:
    from registers.render.json import render_json

    output = find_output(slug, lang, number, "document")
    document = NoticeDocument.from_dict(output.document)
    version = output.version
    body = render_json(document, number=version.number, content_hash=version.content_hash)
    response = serve(request, body, "application/json", version, latest=number is None)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csp_override(FRAGMENT_POLICY)
def embed_fragment(
    request: HttpRequest, slug: str, lang: str, number: int | None = None
) -> HttpResponse:
    response = _fragment(request, slug, lang, number)
    # Any site may include the fragment, server-side or with the embed script.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@xframe_options_exempt
@csp_override(FRAME_POLICY)
def embed_frame(
    request: HttpRequest, slug: str, lang: str, number: int | None = None
) -> HttpResponse:
    return _frame(request, slug, lang, number)


@require_safe
@csp_override(SCRIPT_POLICY)
def embed_script(
    request: HttpRequest, slug: str, lang: str, number: int | None = None
) -> HttpResponse:
    find_output(slug, lang, number)  # 404 for a language the notice is not published in
    version = find_version(slug, number)
    script = Version.objects.values_list("script", flat=True).get(pk=version.pk)
    response = serve(request, script, "text/javascript; charset=utf-8", version, number is None)
    # Lets a page pin a version with <script integrity=... crossorigin="anonymous">.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _summary(request: HttpRequest, slug: str, lang: str) -> tuple[str, Any, NoticeDocument]:
    """The latest version's summary layer, from its stored document (as the JSON is)."""
    from registers.render.html import render_summary

    output = find_output(slug, lang, None, "document")
    document = NoticeDocument.from_dict(output.document)
    page_url = request.build_absolute_uri(reverse("notice_page", args=[slug, lang]))
    return render_summary(document, page_url=page_url), output.version, document


@require_safe
@csp_override(FRAGMENT_POLICY)
def embed_summary(request: HttpRequest, slug: str, lang: str) -> HttpResponse:
    body, version, _document = _summary(request, slug, lang)
    response = serve(request, body, HTML, version, latest=True)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@xframe_options_exempt
@csp_override(FRAME_POLICY)
def embed_summary_frame(request: HttpRequest, slug: str, lang: str) -> HttpResponse:
    from registers.render.html import render_frame

    body, version, document = _summary(request, slug, lang)
    return serve(request, render_frame(document, body), HTML, version, latest=True)


@require_safe
def notice_archive(request: HttpRequest, slug: str) -> HttpResponse:
    latest = find_version(slug)
    versions = Version.objects.filter(register=latest.register_id).defer("data", "script")
    context = {"register": latest.register, "versions": versions, "latest": latest}
    return render(request, "notices/archive.html", context)


@require_safe
def notice_compare(request: HttpRequest, slug: str, a: int, b: int, lang: str) -> HttpResponse:
    old = NoticeDocument.from_dict(find_output(slug, lang, a, "document").document)
    new_output = find_output(slug, lang, b, "document")
    new = NoticeDocument.from_dict(new_output.document)
    context = {"old": old, "new": new, "a": a, "b": b, "sections": compare(old, new)}
    return render(request, "notices/compare.html", context)
