"""The app served for real on loopback, and Chromium driven by Playwright.

The server is a separate process on its own database, started once per session: what the browser
sees is what a user would see, with no test transaction in between. Chromium is Debian's package
(Playwright never downloads a browser here); `*.localhost` host names reach loopback by themselves.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings

# Playwright's sync API keeps an asyncio loop in the main thread for the rest of the session, and
# Django then takes the (synchronous) tests that follow for async code and refuses their queries.
# The browser tests themselves make no queries in this process; the app runs in its own.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class App:
    port: int

    def url(self, path: str = "/", host: str = "localhost") -> str:
        return f"http://{host}:{self.port}{path}"

    def org_url(self, slug: str, path: str = "/") -> str:
        return self.url(path, host=f"{slug}.localhost")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url(name: str) -> str:
    db = settings.DATABASES["default"]
    host = db["HOST"]
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    if host.startswith("/"):
        return f"postgresql://{db['USER']}{password}@/{name}?host={host}&port={port}"
    return f"postgresql://{db['USER']}{password}@{host}:{port}/{name}"


def _admin(sql: str) -> None:
    with psycopg.connect(_database_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def app() -> Iterator[App]:
    name = f"seloste_browser_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE DATABASE "{name}"')
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(name),
        "SELOSTE_PORT": str(port),
        "DJANGO_DEBUG": "false",
        "SELOSTE_DEMO_PASSWORD": "demo password for the browser tests",
        # Every journey signs up from this one address; the throttle has its own test
        # (tests/security/test_abuse_limits.py).
        "SIGNUP_RATE": "1000/h",
    }
    subprocess.run([sys.executable, "manage.py", "bootstrap", "-v0"], cwd=ROOT, env=env, check=True)
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(f"http://localhost:{port}/", server)
        yield App(port)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the app server exited; see test-artifacts/server.log")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own loopback server
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the app server did not answer within a minute")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "en-GB"}


def slug_for(test_name: str) -> str:
    """A unique organisation address per test: the app's database outlives each test."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", test_name.lower()).strip("-")[:24].strip("-")
    return f"{cleaned}-{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class Published:
    """One organisation, signed up once per session, with a published Finnish-English register."""

    slug: str
    register: str
    email: str
    storage_state: Any  # the owner's cookies, for new browser contexts


@pytest.fixture(scope="session")
def published(browser: Any, app: App) -> Iterator[Published]:
    from tests.browser.helpers import (
        answer_the_interview,
        create_register,
        fill_controller,
        open_overview,
        publish,
        save,
        sign_up,
    )

    slug = slug_for("published")
    email = f"owner@{slug}.example"
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    sign_up(page, app, slug=slug, email=email)
    create_register(page, app, slug=slug, register="asiakkaat", sector="web-shop")
    answer_the_interview(page)
    page.locator("nav a.nav-link[href='/controller/']").click()
    fill_controller(page)
    publish(page, app, slug=slug, register="asiakkaat", summary="Ensimmäinen versio")
    open_overview(page, "asiakkaat")
    page.locator("nav a[href='/registers/asiakkaat/edit/basics/']").click()
    page.locator("textarea[name=introduction_fi]").fill("Verkkokauppamme asiakasrekisteri.")
    page.locator("textarea[name=introduction_en]").fill("Our web shop's customer register.")
    save(page)
    publish(page, app, slug=slug, register="asiakkaat", summary="Toinen versio")
    yield Published(slug, "asiakkaat", email, context.storage_state())
    context.close()
