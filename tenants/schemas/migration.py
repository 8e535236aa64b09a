"""Migrating every schema at deploy time: quick when nothing changed, parallel when it did.

django-tenants' ``migrate_schemas`` builds Django's migration executor in every schema in turn,
which costs a tenth of a second or more a schema even when there is nothing to apply. Here the
migrations on disk are read once, the ``django_migrations`` tables of all schemas are read in a
few batched queries, and only the schemas that lack a migration are migrated: the public schema
first, then the template that new organisations are cloned from, then the organisations, several
at a time in worker processes with a connection each. The first failure stops the run: migrations
under way finish, no new one starts, and the report says which schemas are done, which failed and
which were not started.

The workers are started afresh (``spawn``) rather than forked: a forked child inherits whatever
the parent holds at that moment, other threads' locks and database sessions included, so whether
it worked would depend on what else runs in the parent. A fresh process imports this module before
Django is set up, so the models are imported where they are used.
"""

from __future__ import annotations

import contextlib
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any, cast

import django
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django_tenants.migration_executors.base import run_migrations
from django_tenants.utils import get_tenant_base_migrate_command_class

PUBLIC_SCHEMA = "public"
# Schemas read per statement: one UNION ALL branch each, well under PostgreSQL's limits.
BATCH = 250

Key = tuple[str, str]


def to_public() -> None:
    cast(Any, connection).set_schema_to_public()  # django-tenants' connection, untyped


@dataclass
class MigrationReport:
    """What a run did to each schema it looked at."""

    up_to_date: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    not_started: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def checked(self) -> int:
        return len(self.up_to_date) + len(self.done) + len(self.failed) + len(self.not_started)


@dataclass(frozen=True)
class ExpectedMigrations:
    """The migrations on disk, and for each squashed one the migrations it replaces."""

    nodes: frozenset[Key]
    replaces: dict[Key, tuple[Key, ...]]

    @classmethod
    def from_disk(cls) -> ExpectedMigrations:
        # Without a connection the loader reads the files only, and keeps squashed migrations.
        loader = MigrationLoader(None, ignore_no_migrations=True)
        nodes = frozenset(loader.graph.nodes)
        replaces = {
            key: tuple(loader.replacements[key].replaces)
            for key in nodes
            if key in loader.replacements
        }
        return cls(nodes=nodes, replaces=replaces)

    def is_applied(self, applied: set[Key]) -> bool:
        """Whether a schema with these rows in django_migrations has nothing left to apply."""
        return all(
            key in applied or (key in self.replaces and set(self.replaces[key]) <= applied)
            for key in self.nodes
        )


def _existing(schemas: list[str]) -> tuple[set[str], set[str]]:
    """The schemas that exist, and those of them that have a django_migrations table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", [schemas])
        existing = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND c.relkind IN ('r', 'p') "
            "AND n.nspname = ANY(%s)",
            [schemas],
        )
        recorded = {row[0] for row in cursor.fetchall()}
    return existing, recorded


def applied_by_schema(schemas: list[str]) -> dict[str, set[Key]]:
    """The rows of django_migrations of every given schema that has the table, in a few queries."""
    applied: dict[str, set[Key]] = {schema: set() for schema in schemas}
    quote = connection.ops.quote_name
    for start in range(0, len(schemas), BATCH):
        batch = schemas[start : start + BATCH]
        # Schema names come from pg_namespace and are quoted; only the labels are parameters.
        sql = " UNION ALL ".join(
            f"SELECT %s, app, name FROM {quote(schema)}.django_migrations"  # noqa: S608
            for schema in batch
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, batch)
            for schema, app, name in cursor.fetchall():
                applied[schema].add((app, name))
    return applied


@dataclass
class Plan:
    up_to_date: list[str]
    stale: list[str]
    missing: list[str]


def plan(schemas: list[str], expected: ExpectedMigrations) -> Plan:
    """Sort schemas into those with nothing to apply, those to migrate and those that are gone."""
    to_public()
    existing, recorded = _existing(schemas)
    applied = applied_by_schema([schema for schema in schemas if schema in recorded])
    result = Plan(up_to_date=[], stale=[], missing=[])
    for schema in schemas:
        if schema not in existing:
            result.missing.append(schema)
        elif schema in applied and expected.is_applied(applied[schema]):
            result.up_to_date.append(schema)
        else:
            result.stale.append(schema)
    return result


def migrate_options(verbosity: int) -> dict[str, Any]:
    """Every option Django's migrate command expects, at its defaults, as the parser gives them."""
    command = get_tenant_base_migrate_command_class()()
    parser = command.create_parser("manage.py", "migrate")
    options: dict[str, Any] = vars(parser.parse_args(["--noinput", "--skip-checks"]))
    options["verbosity"] = verbosity
    return options


def migrate_schema(schema: str, options: dict[str, Any]) -> str | None:
    """Migrate one schema with Django's own command; return the traceback if it failed."""
    try:
        run_migrations([], options, "seloste", schema, allow_atomic=False)
    except Exception:
        failure = traceback.format_exc()
        # A failed statement leaves the session aborted: start the next schema afresh.
        with contextlib.suppress(Exception):  # the session is thrown away either way
            connections.close_all()
        return failure
    return None


Progress = Callable[[str, str], None]


def _migrate_in_turn(
    schemas: Iterable[str], options: dict[str, Any], report: MigrationReport, progress: Progress
) -> None:
    """Migrate schemas one by one in this process; stop at the first failure."""
    remaining = list(schemas)
    while remaining and report.ok:
        schema = remaining.pop(0)
        failure = migrate_schema(schema, options)
        _record(report, schema, failure, progress)
    report.not_started.extend(remaining)


def _record(report: MigrationReport, schema: str, failure: str | None, progress: Progress) -> None:
    if failure is None:
        report.done.append(schema)
        progress(schema, "done")
    else:
        report.failed[schema] = failure
        progress(schema, "failed")


def _start_worker(databases: dict[str, dict[str, Any]]) -> None:
    """Set Django up in a new worker process, on the very databases of the process that started it.

    The settings module alone could name others: a test run, for one, renames its database.
    """
    django.setup()
    for alias, settings_dict in databases.items():
        connections[alias].settings_dict.update(settings_dict)


def _migrate_in_parallel(
    schemas: list[str],
    options: dict[str, Any],
    report: MigrationReport,
    workers: int,
    progress: Progress,
) -> None:
    """Migrate in worker processes, at most ``workers`` at once; stop at the first failure."""
    remaining = list(schemas)
    databases = {db.alias: db.settings_dict for db in connections.all()}
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=_start_worker,
        initargs=(databases,),
    ) as pool:
        running: dict[Future[str | None], str] = {}
        while remaining or running:
            while remaining and report.ok and len(running) < workers:
                schema = remaining.pop(0)
                running[pool.submit(migrate_schema, schema, options)] = schema
            if not running:
                break
            finished, _pending = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                _record(report, running.pop(future), _outcome(future), progress)
    report.not_started.extend(remaining)


def _outcome(future: Future[str | None]) -> str | None:
    try:
        return future.result()
    except Exception:  # the worker process itself died (killed, out of memory)
        return traceback.format_exc()


def _quiet(schema: str, outcome: str) -> None:
    pass


def migrate_all(
    *,
    workers: int = 2,
    verbosity: int = 0,
    progress: Progress = _quiet,
    expected: ExpectedMigrations | None = None,
) -> MigrationReport:
    """Bring every schema up to date: public, then the template, then the organisations."""
    started = time.perf_counter()
    expected = expected or ExpectedMigrations.from_disk()
    options = migrate_options(verbosity)
    report = MigrationReport()
    _migrate_in_turn(_plan_into(report, [PUBLIC_SCHEMA], expected), options, report, progress)
    if report.ok:
        _migrate_in_turn(_plan_into(report, _template(), expected), options, report, progress)
    if not report.ok:
        # Organisations are left alone while the schemas they depend on are not current.
        if PUBLIC_SCHEMA not in report.failed:
            report.not_started.extend(_organisation_schemas())
        report.seconds = time.perf_counter() - started
        return report
    _migrate_organisations(report, options, workers, progress, expected)
    to_public()
    report.seconds = time.perf_counter() - started
    return report


def _migrate_organisations(
    report: MigrationReport,
    options: dict[str, Any],
    workers: int,
    progress: Progress,
    expected: ExpectedMigrations,
) -> None:
    seen: set[str] = set()
    # A second look catches organisations that signed up, from the old template, during the first.
    for _look in range(2):
        schemas = [schema for schema in _organisation_schemas() if schema not in seen]
        seen.update(schemas)
        stale = _plan_into(report, schemas, expected)
        if workers > 1 and len(stale) > 1:
            _migrate_in_parallel(stale, options, report, workers, progress)
        else:
            _migrate_in_turn(stale, options, report, progress)
        if not report.ok or not stale:
            return


def _plan_into(
    report: MigrationReport, schemas: list[str], expected: ExpectedMigrations
) -> list[str]:
    """Plan the schemas; note the up-to-date and missing ones in the report; return the rest."""
    if not schemas:
        return []
    result = plan(schemas, expected)
    report.up_to_date.extend(result.up_to_date)
    if not result.missing:
        return result.stale
    for schema in result.missing:
        report.failed[schema] = "The organisation's schema does not exist."
    report.not_started.extend(result.stale)
    return []


def _template() -> list[str]:
    from tenants.models import TEMPLATE_SCHEMA, Organisation

    exists = Organisation.objects.filter(schema_name=TEMPLATE_SCHEMA).exists()
    return [TEMPLATE_SCHEMA] if exists else []


def _organisation_schemas() -> list[str]:
    from tenants.models import Organisation

    to_public()
    return list(
        Organisation.objects.customers()
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )
