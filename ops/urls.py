"""The operators' URLs, the same on every host (see ops.middleware)."""

from __future__ import annotations

from django.urls import path

from ops import health, metrics
from tenants.hosts.views import tls_allowed

urlpatterns = [
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("metrics/", metrics.metrics_view, name="metrics"),
    # The TLS proxy asks whether a custom host name may have a certificate (docs/operations.md).
    path("tls/allowed/", tls_allowed, name="tls_allowed"),
]
