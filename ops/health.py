"""Liveness and readiness for load balancers and orchestrators, on every host, without a session.

Liveness answers from the process alone. Readiness runs django-health-check's checks of the
database and the cache, and ours of the task queue (when one is configured) and of the PDF
renderer, all at once, and answers 200 or 503. The body names each check and says ``ok`` or
``unavailable``, nothing more: the reasons (which may name hosts or users of the database) go to
the log, never to whoever asks.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from datetime import timedelta
from pathlib import Path

from asgiref.sync import async_to_sync
from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.tasks import task_backends
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from health_check import Cache, Database, HealthCheck
from health_check.base import HealthCheckResult
from health_check.exceptions import ServiceUnavailable

# A check that has not answered by then counts as down (the library adds a second of grace).
CHECK_TIMEOUT = timedelta(seconds=2)
FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "NotoSans-Regular.ttf"
# When this process last saw the PDF renderer work (time.monotonic()).
_LAST_PASS: list[float | None] = [None]


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The Redis that holds the task queue answers."""

    timeout = CHECK_TIMEOUT

    def run(self) -> None:
        from tenants.queue.backend import RedisBackend

        backend = task_backends["default"]
        assert isinstance(backend, RedisBackend)
        try:
            backend.get_client().ping()
        except Exception as error:
            raise ServiceUnavailable("The task queue does not answer") from error


@dataclasses.dataclass
class PdfRenderer(HealthCheck):
    """WeasyPrint renders a page with the shipped font embedded.

    A success is remembered for a minute per process: the libraries it proves present do not go
    away while the process runs, and a render costs tens of milliseconds (but the first in a
    process loads WeasyPrint and its fonts, seconds on a busy machine: hence the longer budget).
    """

    timeout = timedelta(seconds=5)

    def run(self) -> None:
        last = _LAST_PASS[0]
        if last is not None and time.monotonic() - last < 60:
            return
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        face = f"@font-face {{font-family: SelosteProbe; src: url({FONT.as_uri()})}}"
        css = CSS(string=face + " p {font-family: SelosteProbe}", font_config=fonts)
        try:
            pdf = HTML(string="<p>Seloste</p>").write_pdf(
                stylesheets=[css], font_config=fonts, uncompressed_pdf=True
            )
        except Exception as error:
            raise ServiceUnavailable("The PDF renderer failed") from error
        # A missing font is no error to WeasyPrint: it falls back to another, which this catches.
        if not pdf or b"+SelosteProbe" not in pdf or b"/FontFile2" not in pdf:
            raise ServiceUnavailable("The PDF renderer did not embed the shipped font")
        _LAST_PASS[0] = time.monotonic()


def checks() -> dict[str, HealthCheck]:
    found: dict[str, HealthCheck] = {"database": Database(), "cache": Cache()}
    found["database"].timeout = CHECK_TIMEOUT
    from tenants.queue.backend import RedisBackend

    if isinstance(task_backends["default"], RedisBackend):
        found["queue"] = TaskQueue()
    found["pdf"] = PdfRenderer()
    return found


async def _results(named: dict[str, HealthCheck]) -> list[HealthCheckResult]:
    return list(await asyncio.gather(*(check.get_result() for check in named.values())))


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    named = checks()
    results = async_to_sync(_results)(named)
    states = {
        name: "unavailable" if result.error else "ok"
        for name, result in zip(named, results, strict=True)
    }
    failed = "unavailable" in states.values()
    body = {"status": "unavailable" if failed else "ok", "checks": states}
    return JsonResponse(body, status=503 if failed else 200)
