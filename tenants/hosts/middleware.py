"""Requests for host names: ours, or an organisation's own verified one, and nothing else.

``ALLOWED_HOSTS`` cannot list host names that owners add while the site runs, so it allows any
and this middleware, first after the operators' URLs, does what it did: a host that is neither
ours (``SELOSTE_HOSTS``) nor a verified custom host gets a bare 404 (as django-tenants answers
a host Django refuses) before anything reads it. A verified custom host is then routed to the
public outputs only (``route``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.http.request import split_domain_port
from django.urls import set_urlconf
from django.utils.csp import build_policy

from tenants.hosts.models import CustomHost
from tenants.hosts.names import is_ours

CUSTOM_HOST_URLCONF = "config.urls_custom_host"
MAX_AGE_SECONDS = 60

_verified: dict[str, object] = {"hosts": frozenset(), "at": 0.0, "generation": None}


def verified_hosts(generation: object) -> frozenset[str]:
    """The verified custom hosts, read again when domains change (the tenant middleware's
    counter) and at least every minute."""
    now = time.monotonic()
    age = now - float(str(_verified["at"]))
    fresh = _verified["generation"] == generation and age < MAX_AGE_SECONDS
    if not fresh:
        hosts = CustomHost.objects.filter(verified_at__isnull=False).values_list("host", flat=True)
        _verified.update(hosts=frozenset(hosts), at=now, generation=generation)
    return _verified["hosts"]  # type: ignore[return-value]


def host_of(request: HttpRequest) -> str:
    raw = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    domain, _port = split_domain_port(str(raw))
    return str(domain)


def host_check(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    # The counter the tenant middleware bumps whenever a domain changes.
    from tenants.middleware import _generation

    def middleware(request: HttpRequest) -> HttpResponse:
        domain = host_of(request)
        if domain and (is_ours(domain) or domain in verified_hosts(_generation())):
            return get_response(request)
        refused = HttpResponseNotFound()
        refused["Content-Security-Policy"] = build_policy(cast(Any, settings.SECURE_CSP))
        refused["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return refused

    return middleware


def route(request: HttpRequest) -> None:
    """On an organisation's own host name, only its public outputs exist."""
    if getattr(request, "tenant", None) is not None and not is_ours(host_of(request)):
        request.urlconf = CUSTOM_HOST_URLCONF
        set_urlconf(CUSTOM_HOST_URLCONF)
