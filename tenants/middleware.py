"""Host name → organisation, without a database query on every request.

Every request names its organisation by host. Looking the host up in the database each time caps
a public page at a few hundred requests per second, so answers are kept in the process. A shared
counter in the cache (Redis in production) is bumped whenever a domain or an organisation changes,
and each process drops its answers when it sees the counter move.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.csp import build_policy
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import schema_context

from tenants.errors import not_found
from tenants.hosts.middleware import route
from tenants.models import Domain, Organisation

GENERATION_KEY = "tenants:domain-generation"
# However the counter behaves, no answer outlives this many seconds.
MAX_AGE_SECONDS = 300

_answers: dict[str, tuple[Organisation, float]] = {}
_seen_generation: list[Any] = [None]


def _generation() -> Any:
    # Cache keys carry the current schema; this one belongs to the public schema wherever it is
    # read or written from.
    with schema_context("public"):
        return cache.get(GENERATION_KEY)


def forget_domains() -> None:
    """Make every process look host names up again (called when a Domain changes)."""
    _answers.clear()
    with schema_context("public"):
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


@receiver([post_save, post_delete], sender=Domain)
@receiver([post_save, post_delete], sender=Organisation)
def _domains_changed(**kwargs: Any) -> None:
    forget_domains()


class CachedTenantMiddleware(TenantMainMiddleware):
    def get_tenant(self, domain_model: type[Domain], hostname: str) -> Organisation:
        generation = _generation()
        if generation != _seen_generation[0]:
            _answers.clear()
            _seen_generation[0] = generation
        answer = _answers.get(hostname)
        now = time.monotonic()
        if answer is not None and now - answer[1] < MAX_AGE_SECONDS:
            return answer[0]
        tenant: Organisation = super().get_tenant(domain_model, hostname)
        _answers[hostname] = (tenant, now)
        return tenant

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        # An unknown host is answered here, before the policy and framing middleware run, so
        # the answer gets their headers here too.
        try:
            response: HttpResponse | None = super().process_request(request)
        except Http404 as error:
            response = not_found(request, error)
        if response is None:
            route(request)
        if response is not None:
            response["Content-Security-Policy"] = build_policy(cast(Any, settings.SECURE_CSP))
            response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return response


def refuse_nul_in_query(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A NUL in the query string is a 400: PostgreSQL cannot compare text holding one.

    The admin's list filters, for one, pass their parameters to queries as they come.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            raise BadRequest("A NUL in the query string")
        return get_response(request)

    return middleware
