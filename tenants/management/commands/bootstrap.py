from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.schemas.bootstrap import ensure_public, ensure_template


class Command(BaseCommand):
    help = "Migrate every schema and create the public site and the organisation template."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate_all", verbosity=options["verbosity"], stdout=self.stdout)
        # On a fresh database the template schema is created (and migrated) here.
        ensure_public()
        ensure_template()
        if options["verbosity"]:
            self.stdout.write("Schemas are migrated.")
