"""The cast every test draws on.

Two organisations, ``acme`` and ``globex``; in acme an owner, an editor and a viewer; an outsider
who belongs to globex only. Clients are bound to a host, as a browser is.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_tenants.utils import schema_context
from redis import Redis

from tenants.models import Membership, Organisation, Role, organisation_create
from tenants.schemas.bootstrap import ensure_public, ensure_template

PASSWORD = "correct horse battery staple"
BASE = "localhost"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--reverse",
        action="store_true",
        help="Run the tests in reverse order, to show a test that depends on those before it.",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--reverse"):
        items.reverse()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        ensure_public()
        ensure_template()


@pytest.fixture(autouse=True)
def _public_schema_first() -> None:
    """A request leaves the connection in its organisation's schema; start each test in public."""
    from django.db import connection

    connection.set_schema_to_public()  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Throttles count in the cache; each test starts with none of another's counts."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Tests make many users; a deliberately slow hash would only slow them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(email: str) -> Any:
    return get_user_model().objects.create_user(email, email, PASSWORD)


@pytest.fixture
def owner(db: Any) -> Any:
    return make_user("owner@acme.example")


@pytest.fixture
def acme(owner: Any) -> Organisation:
    return organisation_create(name="Acme Oy", slug="acme", owner=owner)


@pytest.fixture
def editor(acme: Organisation) -> Any:
    user = make_user("editor@acme.example")
    Membership.objects.create(user=user, organisation=acme, role=Role.EDITOR)
    return user


@pytest.fixture
def viewer(acme: Organisation) -> Any:
    user = make_user("viewer@acme.example")
    Membership.objects.create(user=user, organisation=acme, role=Role.VIEWER)
    return user


@pytest.fixture
def globex(db: Any) -> Organisation:
    globex_owner = make_user("owner@globex.example")
    return organisation_create(name="Globex Ab", slug="globex", owner=globex_owner)


@pytest.fixture
def outsider(globex: Organisation) -> Any:
    """A member of globex only."""
    user = make_user("outsider@globex.example")
    Membership.objects.create(user=user, organisation=globex, role=Role.EDITOR)
    return user


def host_client(host: str, user: Any = None, language: str = "en") -> Client:
    client = Client(HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def public_client(db: Any) -> Client:
    return host_client(BASE)


@pytest.fixture
def owner_client(acme: Organisation, owner: Any) -> Client:
    return host_client(acme.host, owner)


@pytest.fixture
def editor_client(acme: Organisation, editor: Any) -> Client:
    return host_client(acme.host, editor)


@pytest.fixture
def viewer_client(acme: Organisation, viewer: Any) -> Client:
    return host_client(acme.host, viewer)


@pytest.fixture
def outsider_client(acme: Organisation, outsider: Any) -> Client:
    """The outsider, visiting acme's host."""
    return host_client(acme.host, outsider)


@pytest.fixture
def in_acme(acme: Organisation) -> Iterator[Organisation]:
    """Run the test's own queries in acme's schema."""
    with schema_context(acme.schema_name):
        yield acme


REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_queue(settings: Any) -> Iterator[str]:
    """Tasks go to Redis under a key prefix of this test's own; its keys are removed afterwards."""
    prefix = f"seloste-test-{uuid.uuid4().hex[:12]}"
    settings.TASKS = {
        "default": {
            "BACKEND": "tenants.queue.backend.RedisBackend",
            "QUEUES": ["default"],
            "OPTIONS": {
                "REDIS_URL": REDIS_URL,
                "REDIS_KEY_PREFIX": prefix,
                "REDIS_RESULT_TTL": 120,
                "REDIS_COMPLETED_TASK_TTL": 120,
                # A worker in burst mode reads once; a short block keeps an idle read short.
                "REDIS_BLOCK_TIMEOUT": 100,
            },
        }
    }
    yield prefix
    redis = Redis.from_url(REDIS_URL)
    for key in redis.scan_iter(f"{prefix}:*"):
        redis.delete(key)
