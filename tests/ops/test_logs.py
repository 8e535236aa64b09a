"""One JSON line per request and per task: its id, schema, user id; errors with a traceback."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ops.logs import JsonFormatter
from registers.publishing.versions import publish_in_background

ROOT = Path(__file__).resolve().parent.parent.parent


class Lines(logging.Handler):
    """Formats each record as it is emitted, in its request's or task's context, as the console."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(JsonFormatter())
        self.written: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.written.append(json.loads(self.format(record)))

    def __call__(self, logger: str | None = None) -> list[dict[str, Any]]:
        return [line for line in self.written if logger is None or line["logger"] == logger]


@pytest.fixture
def lines() -> Iterator[Lines]:
    """The JSON lines the request, task and publish loggers write."""
    handler = Lines()
    loggers = [logging.getLogger(n) for n in ("seloste.request", "seloste.task", "seloste.publish")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield handler
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_a_page_view_writes_one_line_with_its_request_schema_user_and_timing(
    lines, acme, viewer, viewer_client
):
    response = viewer_client.get(reverse("register_list"))

    [line] = lines("seloste.request")
    assert line["request_id"] == response["X-Request-ID"]
    assert line["schema"] == acme.schema_name
    assert line["user_id"] == viewer.pk
    assert line["status"] == 200
    assert line["url_name"] == "register_list"
    assert line["method"] == "GET"
    assert line["duration_ms"] > 0
    assert line["level"] == "INFO"
    assert viewer.email not in json.dumps(line)


def test_a_proxys_request_id_is_kept_and_a_forged_one_is_replaced(lines, db):
    client = Client(HTTP_HOST="localhost")
    kept = client.get("/", HTTP_X_REQUEST_ID="lb-0123456789abcdef")
    forged = client.get("/", HTTP_X_REQUEST_ID='x" \n{"level": "ERROR"}')

    assert kept["X-Request-ID"] == "lb-0123456789abcdef"
    assert len(forged["X-Request-ID"]) == 32
    assert [line["request_id"] for line in lines("seloste.request")] == [
        "lb-0123456789abcdef",
        forged["X-Request-ID"],
    ]


def test_a_publication_writes_the_request_the_task_and_the_publish_in_one_request_id(
    lines, register, acme, owner, owner_client
):
    path = reverse("register_publish", kwargs={"slug": register.slug})
    response = owner_client.post(path, {"summary": "First"})

    request_id = response["X-Request-ID"]
    [request] = lines("seloste.request")
    assert request["status"] == 302
    assert request["user_id"] == owner.pk
    enqueued, finished = lines("seloste.task")
    assert enqueued["task_id"] == finished["task_id"]
    assert finished["task"] == "registers.publishing.versions.publish_in_background"
    assert finished["status"] == "SUCCESSFUL"
    assert finished["schema"] == acme.schema_name
    assert finished["duration_ms"] > 0
    [publish] = lines("seloste.publish")
    assert publish["outcome"] == "published"
    assert {request_id} == {line["request_id"] for line in lines()}


def test_a_failed_task_writes_its_traceback_in_the_same_line(lines, acme):
    result = publish_in_background.enqueue_for(acme, "no-such-register", None, "")

    [enqueued, failed] = lines("seloste.task")
    assert enqueued["task_id"] == result.id
    assert failed["task_id"] == result.id
    assert failed["level"] == "ERROR"
    assert failed["status"] == "FAILED"
    assert failed["schema"] == acme.schema_name
    assert "Traceback (most recent call last)" in failed["traceback"]
    assert "DoesNotExist" in failed["traceback"]


def django_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    settings = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # Settings are read, no server is reached: nothing listens on this port.
        "DATABASE_URL": "postgres://seloste@127.0.0.1:9/seloste",
    }
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    command = [sys.executable, "-c", f"import django; django.setup(); {code}"]
    environment = {**inherited, **settings, **env}
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_log_format_json_turns_every_line_into_json_with_the_traceback():
    code = (
        "import logging\n"
        "try:\n    1 / 0\n"
        "except ZeroDivisionError:\n    logging.getLogger('seloste.test').exception('it broke')"
    )
    result = django_python(code, SELOSTE_LOG_FORMAT="json")

    assert result.returncode == 0, result.stderr
    [line] = [json.loads(text) for text in result.stderr.splitlines()]
    assert line["message"] == "it broke"
    assert line["level"] == "ERROR"
    assert "ZeroDivisionError" in line["traceback"]


def test_a_malformed_log_format_stops_start_up():
    result = django_python("pass", SELOSTE_LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "SELOSTE_LOG_FORMAT must be text or json" in result.stderr
