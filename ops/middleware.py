"""The first middleware: operators' URLs on any host, then one log line and metrics per request.

The health and metrics URLs are answered here, before the host is looked up (django-tenants
answers 404 for a host that is no organisation's, as a load balancer calling by IP address would
send), before the HTTPS redirect and before any session: they carry no organisation's data.
Every other request gets an id (the proxy's ``X-Request-ID`` when it is plain, else a new one),
returned in the response, and one log line and one metrics sample when it is answered.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.csp import build_policy
from django.utils.functional import empty

from ops import metrics
from ops.context import Context, current, request_id_from

logger = logging.getLogger("seloste.request")
OPS_URLCONF = "ops.urls"
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class OperationsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            match = resolve(request.path_info, urlconf=OPS_URLCONF)
        except Resolver404:
            return self.observed(request)
        response: HttpResponse = match.func(request, *match.args, **match.kwargs)
        # Answered before the policy and framing middleware: the same headers, set here.
        response["Content-Security-Policy"] = build_policy(cast(Any, settings.SECURE_CSP))
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return response

    def observed(self, request: HttpRequest) -> HttpResponse:
        context = Context(request_id=request_id_from(request.headers.get("X-Request-ID")))
        token = current.set(context)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - start
            context.schema = getattr(getattr(request, "tenant", None), "schema_name", None)
            context.user_id = _user_id(request)
            response["X-Request-ID"] = context.request_id
            _record(request, response, seconds)
            return response
        finally:
            current.reset(token)


def _record(request: HttpRequest, response: HttpResponse, seconds: float) -> None:
    method = request.method if request.method in METHODS else "other"
    name = url_name(request)
    metrics.REQUESTS.labels(method, name, str(response.status_code)).inc()
    metrics.REQUEST_SECONDS.labels(method, name).observe(seconds)
    logger.info(
        "%s %s %s",
        method,
        name,
        response.status_code,
        extra={
            "method": method,
            "url_name": name,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
        },
    )


def url_name(request: HttpRequest) -> str:
    """The URL's name, never its arguments (slugs, tokens); a fast-path answer is resolved here."""
    match = request.resolver_match
    if match is None:
        try:
            match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
        except Resolver404:
            return "unmatched"
    return match.view_name or "unnamed"


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id, if the request looked at its user (no extra query for this)."""
    user: Any = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None
