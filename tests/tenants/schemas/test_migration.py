"""Deploy-time migration of every schema (tenants.schemas.migration, manage.py migrate_all).

The migrations run in worker processes with connections of their own, which see only committed
rows; so these tests commit their organisations and drop them afterwards, instead of running in
the usual rolled-back transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from tenants.models import TEMPLATE_SCHEMA, Organisation
from tenants.schemas.migration import migrate_all, to_public

# A shared app's migration: in an organisation's schema migrating it again applies nothing, so
# deleting its record makes a schema stale without breaking it.
HARMLESS = ("sessions", "0001_initial")
# Deleting this record while later registers migrations stay recorded makes Django refuse the
# schema's history: a migration that fails in that schema only.
BREAKING = ("registers", "0001_initial")

MakeOrganisation = Callable[[str], Organisation]


@pytest.fixture
def committed(django_db_setup: Any, django_db_blocker: Any) -> Iterator[MakeOrganisation]:
    """Make organisations whose rows and schemas are committed; drop them after the test."""
    made: list[Organisation] = []

    def make(slug: str) -> Organisation:
        organisation: Organisation = Organisation.objects.create(
            name=slug, slug=slug, schema_name=Organisation.schema_for(slug)
        )
        made.append(organisation)
        return organisation

    with django_db_blocker.unblock():
        to_public()
        yield make
        to_public()
        for organisation in made:
            organisation.delete(force_drop=True)


def forget(schema: str, migration: tuple[str, str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(schema)}.django_migrations "  # noqa: S608
            "WHERE app = %s AND name = %s",
            list(migration),
        )


def is_recorded(schema: str, migration: tuple[str, str]) -> bool:
    to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {connection.ops.quote_name(schema)}.django_migrations "  # noqa: S608
            "WHERE app = %s AND name = %s",
            list(migration),
        )
        return cursor.fetchone() is not None


def test_a_deploy_with_nothing_to_migrate_migrates_no_schema(committed):
    schemas = [committed(slug).schema_name for slug in ("mig-a", "mig-b", "mig-c")]

    report = migrate_all(workers=2)

    assert report.ok
    assert report.done == []
    assert {"public", TEMPLATE_SCHEMA, *schemas} <= set(report.up_to_date)


def test_only_the_organisation_that_lacks_a_migration_is_migrated(committed):
    first, second, third = (committed(slug) for slug in ("mig-a", "mig-b", "mig-c"))
    forget(second.schema_name, HARMLESS)

    report = migrate_all(workers=2)

    assert report.ok
    assert report.done == [second.schema_name]
    assert {first.schema_name, third.schema_name} <= set(report.up_to_date)
    assert is_recorded(second.schema_name, HARMLESS)


def test_stale_organisations_are_migrated_in_parallel_workers(committed):
    organisations = [committed(f"mig-{letter}") for letter in "abcd"]
    for organisation in organisations:
        forget(organisation.schema_name, HARMLESS)

    report = migrate_all(workers=2)

    assert report.ok
    assert sorted(report.done) == [organisation.schema_name for organisation in organisations]
    assert all(is_recorded(o.schema_name, HARMLESS) for o in organisations)


def test_parallel_workers_do_not_depend_on_what_else_runs_in_the_parent(committed, recwarn):
    # Another thread busy with a session of its own, as a task worker or a server thread would be.
    organisations = [committed(f"mig-{letter}") for letter in "abcd"]
    for organisation in organisations:
        forget(organisation.schema_name, HARMLESS)
    stop = threading.Event()
    errors: list[Exception] = []

    def keep_querying() -> None:
        try:
            while not stop.is_set():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    busy = threading.Thread(target=keep_querying)
    busy.start()
    try:
        report = migrate_all(workers=2)
    finally:
        stop.set()
        busy.join(timeout=10)

    assert report.ok, report.failed
    assert sorted(report.done) == [organisation.schema_name for organisation in organisations]
    assert errors == []
    assert all(is_recorded(o.schema_name, HARMLESS) for o in organisations)
    assert not [warning for warning in recwarn if "fork()" in str(warning.message)]


def test_a_failure_stops_the_run_and_says_which_organisations_are_done(committed):
    first, broken, last = (committed(slug) for slug in ("mig-a", "mig-b", "mig-c"))
    forget(first.schema_name, HARMLESS)
    forget(broken.schema_name, BREAKING)
    forget(last.schema_name, HARMLESS)

    report = migrate_all(workers=1)

    assert not report.ok
    assert report.done == [first.schema_name]
    assert list(report.failed) == [broken.schema_name]
    assert "InconsistentMigrationHistory" in report.failed[broken.schema_name]
    assert report.not_started == [last.schema_name]
    assert not is_recorded(last.schema_name, HARMLESS)


def test_a_failure_in_a_worker_starts_no_further_organisation(committed):
    organisations = [committed(f"mig-{letter}") for letter in "abcdef"]
    broken = organisations[1]
    for organisation in organisations:
        forget(organisation.schema_name, HARMLESS)
    forget(broken.schema_name, BREAKING)

    report = migrate_all(workers=2)

    assert list(report.failed) == [broken.schema_name]
    others = {o.schema_name for o in organisations} - {broken.schema_name}
    assert set(report.done) | set(report.not_started) == others
    assert report.not_started  # the failure came early enough to hold some back
    assert all(is_recorded(schema, HARMLESS) for schema in report.done)
    assert not any(is_recorded(schema, HARMLESS) for schema in report.not_started)


def test_an_organisation_without_its_schema_stops_the_run_before_any_migration(committed):
    first, gone = committed("mig-a"), committed("mig-b")
    forget(first.schema_name, HARMLESS)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA {gone.schema_name} CASCADE")

    report = migrate_all(workers=2)

    assert report.failed == {gone.schema_name: "The organisation's schema does not exist."}
    assert report.done == []
    assert first.schema_name in report.not_started
    assert not is_recorded(first.schema_name, HARMLESS)


def test_the_command_reports_schemas_done_failed_and_not_started(committed):
    first, broken, last = (committed(slug) for slug in ("mig-a", "mig-b", "mig-c"))
    forget(first.schema_name, HARMLESS)
    forget(broken.schema_name, BREAKING)
    forget(last.schema_name, HARMLESS)

    with pytest.raises(CommandError) as failure:
        call_command("migrate_all", workers=1, stdout=StringIO())

    message = str(failure.value)
    assert f"Failed: {broken.schema_name}: " in message
    assert f"Done: {first.schema_name}" in message
    assert f"Not started: {last.schema_name}" in message


def test_the_command_says_how_many_schemas_were_up_to_date(committed):
    committed("mig-a")
    output = StringIO()

    call_command("migrate_all", stdout=output)

    assert " up to date, 0 migrated, 0 failed, 0 not started." in output.getvalue()
