"""Back up one organisation: its controller details and every register, as portable JSON."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from registers.portable import organisation_to_dict
from tenants.models import Organisation


class Command(BaseCommand):
    help = "Write one organisation's controller details and registers as JSON (a backup)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("slug", help="The organisation's address, e.g. acme")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.customers().filter(slug=options["slug"]).first()
        if organisation is None:
            raise CommandError(f"No organisation has the address {options['slug']!r}.")
        with schema_context(organisation.schema_name):
            data = organisation_to_dict()
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
