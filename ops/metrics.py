"""Prometheus metrics, served at /metrics/ to whoever presents SELOSTE_METRICS_TOKEN.

Requests are labelled by URL name (``notice_page``), never by the organisation, the register or
the user. Queue depth and database connections are read when the metrics are collected. With
several server processes, set PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode)
so that one scrape adds up every process, task workers included.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Iterator

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.tasks import task_backends
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

REQUESTS = Counter(
    "seloste_http_requests", "HTTP requests answered", ["method", "url_name", "status"]
)
REQUEST_SECONDS = Histogram(
    "seloste_http_request_duration_seconds", "Time to answer a request", ["method", "url_name"]
)
PUBLISH_SECONDS = Histogram(
    "seloste_publish_duration_seconds",
    "Time to publish a register (check, render every output, store)",
    ["outcome"],
    buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
RENDER_SECONDS = Histogram(
    "seloste_render_duration_seconds",
    "Time to render every output (page, fragment, frame, PDF) of one language of a version",
    ["language"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
TASKS = Counter("seloste_tasks", "Tasks finished", ["task", "status"])
TASK_SECONDS = Histogram("seloste_task_duration_seconds", "Time a task ran", ["task"])


class StateCollector(Collector):
    """What is read at collection time: the task queues (from Redis) and database connections."""

    def collect(self) -> Iterator[Metric]:
        yield from self.queues()
        yield from self.database()

    def describe(self) -> Iterator[Metric]:
        # What registering asks for; without it, registering would collect (query) at import.
        for name in ("seloste_task_queue_depth", "seloste_task_queue_failed"):
            yield GaugeMetricFamily(name, "", labels=["queue"])
        yield GaugeMetricFamily("seloste_task_workers", "", labels=["queue"])
        yield GaugeMetricFamily("seloste_db_connections", "", labels=["state"])
        yield GaugeMetricFamily("seloste_db_connections_max", "")

    def queues(self) -> Iterator[Metric]:
        from tenants.queue.backend import RedisBackend, waiting, workers

        backend = task_backends["default"]
        if not isinstance(backend, RedisBackend):
            return
        depth = GaugeMetricFamily("seloste_task_queue_depth", "Tasks waiting", labels=["queue"])
        failed = GaugeMetricFamily(
            "seloste_task_queue_failed",
            "Failed tasks still kept in Redis",
            labels=["queue"],
        )
        listening = GaugeMetricFamily("seloste_task_workers", "Workers listening", labels=["queue"])
        try:
            for name in sorted(backend.queues):
                pending, failures = waiting(backend, name)
                depth.add_metric([name], pending)
                failed.add_metric([name], failures)
                listening.add_metric([name], workers(backend, name))
        except Exception:
            logger.warning("Could not read the task queues", exc_info=True)
            return
        yield from (depth, failed, listening)

    def database(self) -> Iterator[Metric]:
        used = GaugeMetricFamily(
            "seloste_db_connections", "Connections to this database, by state", labels=["state"]
        )
        limit = GaugeMetricFamily("seloste_db_connections_max", "The server's max_connections")
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() GROUP BY 1 ORDER BY 1"
                )
                for state, count in cursor.fetchall():
                    used.add_metric([state], count)
                cursor.execute("SHOW max_connections")
                limit.add_metric([], int(cursor.fetchone()[0]))
        except Exception:
            logger.warning("Could not read the database's connections", exc_info=True)
            return
        yield from (used, limit)


STATE = StateCollector()
REGISTRY.register(STATE)


def registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    combined = CollectorRegistry()
    MultiProcessCollector(combined)  # type: ignore[no-untyped-call]
    combined.register(STATE)
    return combined


@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    token: str = settings.SELOSTE_METRICS_TOKEN
    if not token:
        return HttpResponse(status=404)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
