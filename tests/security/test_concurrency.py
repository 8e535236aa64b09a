"""Real races against PostgreSQL: two threads, two connections, released at the same moment.

The races need committed data, which a test's own transaction (``db``) never commits, and
pytest-django's ``transactional_db`` empties the database with TRUNCATE afterwards, which the
organisation template schema (its history tables point at users) does not allow. So all the work
runs in threads, each on its own autocommitting connection, on an organisation and users under a
unique address that the fixture deletes afterwards (dropping the schema).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test import Client
from django_tenants.utils import schema_context

from registers.models import Register, Version
from registers.portable import ImportErrors, register_from_dict, register_to_dict
from registers.publishing.versions import register_publish
from tenants.models import AuditEvent, Membership, Organisation, Role, organisation_create
from tests.conftest import host_client, make_user
from tests.registers.document.test_document import full_controller, full_register
from tests.registers.editor.test_editor_support import edit_url, make_register, read_form


def together(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions in threads that start their work at the same instant."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def committed(action: Callable[[], Any]) -> Any:
    """Run ``action`` on a connection of its own, so that what it writes is committed."""
    (result,) = together(action)
    if isinstance(result, Exception):
        raise result
    return result


@dataclass
class Race:
    organisation: Organisation
    first: Any
    second: Any


def _make_race() -> Race:
    slug = f"race{uuid.uuid4().hex[:8]}"
    first = make_user(f"first@{slug}.example")
    second = make_user(f"second@{slug}.example")
    organisation = organisation_create(name="Race Oy", slug=slug, owner=first)
    Membership.objects.create(user=second, organisation=organisation, role=Role.EDITOR)
    return Race(organisation, first, second)


def _remove_race(race: Race) -> None:
    connection.set_schema_to_public()  # type: ignore[attr-defined]
    race.organisation.delete(force_drop=True)
    # A plain delete would also look for history rows in the public schema, which has none.
    AuditEvent.objects.filter(user__in=[race.first, race.second]).delete()
    users = get_user_model().objects.filter(pk__in=[race.first.pk, race.second.pk])
    users._raw_delete(users.db)


@pytest.fixture
def race(db: Any) -> Iterator[Race]:
    made = committed(_make_race)
    yield made
    committed(lambda: _remove_race(made))


def test_two_simultaneous_saves_of_one_section_lose_no_update(race: Race) -> None:
    schema = race.organisation.schema_name

    def prepare() -> tuple[list[Client], list[dict[str, Any]]]:
        with schema_context(schema):
            make_register("shared")
        clients = [host_client(race.organisation.host, u) for u in (race.first, race.second)]
        forms = [read_form(c.get(edit_url("shared", "basics")).content) for c in clients]
        return clients, forms

    clients, forms = committed(prepare)
    forms[0]["name_en"], forms[1]["name_en"] = "First's name", "Second's name"

    def save(index: int) -> Callable[[], int]:
        return lambda: clients[index].post(edit_url("shared", "basics"), forms[index]).status_code

    statuses = together(save(0), save(1))

    assert sorted(statuses) == [302, 409]
    winner = "First's name" if statuses[0] == 302 else "Second's name"

    def stored() -> tuple[str, int]:
        with schema_context(schema):
            register = Register.objects.get(slug="shared")
            return register.name["en"], register.version

    assert committed(stored) == (winner, 2)


def test_two_simultaneous_publications_make_one_version(race: Race) -> None:
    schema = race.organisation.schema_name

    def prepare() -> Register:
        with schema_context(schema):
            full_controller()
            return full_register()

    register = committed(prepare)

    def publish() -> Version | None:
        with schema_context(schema):
            return register_publish(register=register, user=race.first, summary="Same")

    results = together(publish, publish)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(isinstance(r, Version) for r in results) == 1
    assert results.count(None) == 1

    def numbers() -> list[int]:
        with schema_context(schema):
            return list(Version.objects.values_list("number", flat=True))

    assert committed(numbers) == [1]


def test_four_simultaneous_imports_of_one_address_make_one_register(race: Race) -> None:
    schema = race.organisation.schema_name

    def prepare() -> dict[str, Any]:
        with schema_context(schema):
            data = register_to_dict(full_register(slug="original"))
        return data

    data = committed(prepare)

    def import_copy() -> Register:
        with schema_context(schema):
            return register_from_dict(data, slug="copy")

    results = together(*[import_copy] * 4)

    assert sum(isinstance(r, Register) for r in results) == 1, results
    refusals = [r for r in results if isinstance(r, ImportErrors)]
    assert len(refusals) == 3, results
    assert all(path == "slug" for r in refusals for path, _message in r.errors)

    def count() -> int:
        with schema_context(schema):
            return Register.objects.filter(slug="copy").count()

    assert committed(count) == 1
