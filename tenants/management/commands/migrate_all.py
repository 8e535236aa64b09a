from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.schemas.migration import MigrationReport, migrate_all


def default_workers() -> int:
    return int(os.environ.get("SELOSTE_MIGRATION_WORKERS", "") or min(4, os.cpu_count() or 1))


class Command(BaseCommand):
    help = (
        "Migrate the public schema, the organisation template and every organisation, skipping "
        "the schemas that have nothing to apply. Stops at the first failure and says which "
        "schemas are done."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="Organisations migrated at once, each in its own process with its own "
            "connection (default: SELOSTE_MIGRATION_WORKERS, or the CPUs up to 4).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]

        def progress(schema: str, outcome: str) -> None:
            if verbosity >= 1:
                self.stdout.write(f"{schema}: {outcome}")

        report = migrate_all(
            workers=max(1, options["workers"]), verbosity=max(0, verbosity - 1), progress=progress
        )
        self.stdout.write(summary(report))
        if not report.ok:
            raise CommandError(failure_details(report))


def summary(report: MigrationReport) -> str:
    return (
        f"Checked {report.checked} schemas in {report.seconds:.1f} s: "
        f"{len(report.up_to_date)} up to date, {len(report.done)} migrated, "
        f"{len(report.failed)} failed, {len(report.not_started)} not started."
    )


def failure_details(report: MigrationReport) -> str:
    lines = ["Migration stopped at the first failure."]
    for schema, failure in report.failed.items():
        last_line = failure.strip().splitlines()[-1] if failure.strip() else ""
        lines.append(f"Failed: {schema}: {last_line}")
    lines.append("Done: " + (", ".join(report.done) or "none"))
    lines.append("Not started: " + (", ".join(report.not_started) or "none"))
    if report.failed:
        lines.append("Full error of the first failure:\n" + next(iter(report.failed.values())))
    return "\n".join(lines)
