"""The operators' URLs, the same on every host (see ops.middleware)."""

from __future__ import annotations

from django.urls import path

from ops import health, metrics

urlpatterns = [
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("metrics/", metrics.metrics_view, name="metrics"),
]
