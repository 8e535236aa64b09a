from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import schema_context

from registers.compliance.calibration import cases_in, report, run
from tenants.models import Organisation

FAULT_CLASSES = Path(settings.BASE_DIR) / "tests" / "registers" / "compliance" / "fault_classes"


class Command(BaseCommand):
    help = (
        "Measure the checker: over the fault-class registers and the five seed notices, the "
        "share of expected findings it reports (catch rate) and the findings it must not "
        "report or that a reviewer judged wrong (false findings). Each register is imported "
        "into the organisation's schema inside a transaction that is rolled back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organisation",
            default="demo",
            help="The organisation whose schema the registers are checked in (default: demo).",
        )
        parser.add_argument(
            "--fault-classes",
            type=Path,
            default=FAULT_CLASSES,
            help="The folder of fault-class files (default: the test suite's).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The seeds' reading lives with its test, where a change to it is reviewed.
        from tests.registers.compliance.test_compliance_seeds import seed_cases

        slug = options["organisation"]
        organisation = Organisation.objects.customers().filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"No organisation has the address {slug!r}.")
        folder: Path = options["fault_classes"]
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        with schema_context(organisation.schema_name):
            faults = [run(case) for case in cases_in(folder)]
            seeds = [run(case) for case in seed_cases()]
        lines = [*report("Fault classes", faults), *report("Seed notices", seeds)]
        lines += ["All", *report("All", faults + seeds)[-1:]]
        self.stdout.write("\n".join(lines))
