"""The published notice on the organisation's host, for anyone: no login, no cookies.

Every output was rendered at publishing and is served from its version row like a static file.
The latest-version URLs revalidate (ETag, a minute of freshness); version URLs never change and
are cached for a year. Drafts, unknown registers and unpublished languages are all a plain 404.
"""

from __future__ import annotations

import difflib
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.csp import CSP, build_policy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from registers.document import SECTION_ORDER, NoticeDocument
from registers.models import Version, VersionOutput

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


def find_version(slug: str, number: int | None = None) -> Version:
    versions = Version.objects.filter(register__slug=slug).defer("data", "script")
    version = versions.filter(number=number).first() if number else versions.first()
    if version is None:
        raise Http404
    return version


def find_output(slug: str, lang: str, number: int | None, *fields: str) -> VersionOutput:
    """One output of the latest version (or of version ``number``) in ``lang``, in one query."""
    versions = Version.objects.filter(register__slug=slug)
    if number:
        versions = versions.filter(number=number)
    output = (
        VersionOutput.objects.filter(language=lang, version=versions.values("pk")[:1])
        .select_related("version")
        .only("language", "version__number", "version__content_hash", *fields)
        .first()
    )
    if output is None:
        raise Http404
    return output


@dataclass(frozen=True)
class Served:
    body: str | bytes
    content_hash: str
    number: int
    expires: float


# Outputs never change, so each process keeps the ones it served last; entries live a few seconds
# only, so a newer version (published by another process) shows within that time everywhere,
# well inside the minute that Cache-Control already grants. Keys carry the schema.
MEMO_SECONDS = 10.0
MEMO_SIZE = 256
_memo: OrderedDict[tuple[str, str, str, int | None, str], Served] = OrderedDict()


def forget_served() -> None:
    """Called when this process publishes, so that it serves the new version at once."""
    _memo.clear()


def served(slug: str, lang: str, number: int | None, field: str) -> Served:
    # The tenant middleware has set the connection's schema to the host's organisation.
    key = (getattr(connection, "schema_name", ""), slug, lang, number, field)
    hit = _memo.get(key)
    if hit is not None and hit.expires > time.monotonic():
        return hit
    output = find_output(slug, lang, number, field)
    body = getattr(output, field)
    body = bytes(body) if isinstance(body, memoryview) else body
    version = output.version
    hit = Served(body, version.content_hash, version.number, time.monotonic() + MEMO_SECONDS)
    _memo[key] = hit
    _memo.move_to_end(key)
    while len(_memo) > MEMO_SIZE:
        _memo.popitem(last=False)
    return hit


def serve(
    request: HttpRequest, body: str | bytes, content_type: str, version: Any, latest: bool
) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = f'"{version.content_hash}"'
    response["Cache-Control"] = LATEST if latest else IMMUTABLE
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
notice_page = output_view("page", HTML)
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
    body = render_json(document, number=output.version.number)
    response = serve(request, body, "application/json", output.version, latest=number is None)
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


def compare(old: NoticeDocument, new: NoticeDocument) -> list[dict[str, Any]]:
    """Per section, the lines of both versions marked as kept, inserted or deleted."""
    sections = []
    for key in SECTION_ORDER:
        before, after = old.lines(key), new.lines(key)
        if not before and not after:
            continue
        section = new.section(key) or old.section(key)
        lines = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                lines += [("equal", line) for line in after[j1:j2]]
                continue
            lines += [("del", line) for line in before[i1:i2]]
            lines += [("ins", line) for line in after[j1:j2]]
        changed = any(kind != "equal" for kind, _line in lines)
        heading = section.heading if section else key
        sections.append({"key": key, "heading": heading, "lines": lines, "changed": changed})
    return sections


# The fast path: memoised embed outputs answered right after the host is resolved, before
# sessions, CSRF, authentication and the rest, which an anonymous, cookieless GET of a frozen
# output has no use for. Misses fall through to the views above, which fill the memo.
_FAST_ROUTES = (
    (
        re.compile(
            r"^/embed/(?P<slug>[-\w]+)/(?P<lang>[a-z]{2})(?:/v(?P<number>\d+))?/fragment\.html$"
        ),
        "fragment",
        FRAGMENT_POLICY,
    ),
    (
        re.compile(r"^/embed/(?P<slug>[-\w]+)/(?P<lang>[a-z]{2})(?:/v(?P<number>\d+))?/frame/$"),
        "frame",
        FRAME_POLICY,
    ),
)


def fast_route(path: str) -> tuple[re.Match[str], str, dict[str, list[str]]] | None:
    for pattern, field, policy in _FAST_ROUTES:
        match = pattern.match(path)
        if match is not None:
            return match, field, policy
    return None


def fast_response(request: HttpRequest) -> HttpResponse | None:
    tenant = getattr(request, "tenant", None)
    if request.method != "GET" or tenant is None:
        return None
    route = fast_route(request.path_info)
    if route is None:
        return None
    match, field, policy = route
    number = int(match["number"]) if match["number"] else None
    hit = _memo.get((tenant.schema_name, match["slug"], match["lang"], number, field))
    if hit is None or hit.expires <= time.monotonic():
        return None
    response = serve(request, hit.body, HTML, hit, latest=number is None)
    response["Content-Security-Policy"] = build_policy(policy)
    if field == "fragment":
        response["Access-Control-Allow-Origin"] = "*"
    return response


class EmbedFastPathMiddleware:
    """Place right after the tenant middleware (it needs ``request.tenant``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return fast_response(request) or self.get_response(request)
