"""The fast path: memoised embed outputs answered right after the host is resolved.

Sessions, CSRF, authentication and the rest are skipped, which an anonymous, cookieless GET of a
frozen output has no use for. Misses fall through to the public views, which fill the memo.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.csp import build_policy

from registers.public.views import FRAGMENT_POLICY, FRAME_POLICY, HTML, serve
from registers.publishing.served import memoised

_FAST_ROUTES = (
    (
        re.compile(
            r"^/embed/(?P<slug>[-\w]+)/(?P<lang>[a-z]{2})(?:/v(?P<number>[1-9]\d{0,8}))?/fragment\.html$"
        ),
        "fragment",
        FRAGMENT_POLICY,
    ),
    (
        re.compile(
            r"^/embed/(?P<slug>[-\w]+)/(?P<lang>[a-z]{2})(?:/v(?P<number>[1-9]\d{0,8}))?/frame/$"
        ),
        "frame",
        FRAME_POLICY,
    ),
    (
        re.compile(
            r"^/embed/(?P<slug>[-\w]+)/(?P<lang>[a-z]{2})(?:/v(?P<number>[1-9]\d{0,8}))?"
            r"/short/(?P<key>[-\w]+)/fragment\.html$"
        ),
        "short/{key}/fragment",  # a purpose's short notice (registers/public/short.py)
        FRAGMENT_POLICY,
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
    field = field.format(key=match.groupdict().get("key", ""))
    number = int(match["number"]) if match["number"] else None
    hit = memoised(tenant.schema_name, match["slug"], match["lang"], number, field)
    if hit is None:
        return None
    response = serve(request, hit.body, HTML, hit, latest=number is None)
    response["Content-Security-Policy"] = build_policy(policy)
    if field.endswith("fragment"):
        response["Access-Control-Allow-Origin"] = "*"
    return response


class EmbedFastPathMiddleware:
    """Place right after the tenant middleware (it needs ``request.tenant``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return fast_response(request) or self.get_response(request)
