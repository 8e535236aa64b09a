"""Restore one organisation from its JSON backup, as a NEW organisation beside any others."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_tenants.utils import schema_context

from registers.portable import ImportErrors, organisation_from_dict
from tenants.models import Organisation, organisation_create


class Command(BaseCommand):
    help = (
        "Create a new organisation at SLUG owned by OWNER_EMAIL and fill it from a JSON backup "
        "(made with export_organisation). Nothing is created when the file has a problem."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="The backup file, or - for standard input")
        parser.add_argument("--slug", required=True, help="Address of the new organisation")
        parser.add_argument("--owner-email", required=True, help="Its owner (created if new)")
        parser.add_argument("--name", help="Its name (default: the controller's legal name)")

    def handle(self, *args: Any, **options: Any) -> None:
        data = self._read(options["file"])
        if Organisation.objects.filter(slug=options["slug"]).exists():
            raise CommandError(f"The address {options['slug']!r} is taken.")
        controller = data.get("controller") if isinstance(data, dict) else None
        legal_name = controller.get("legal_name") if isinstance(controller, dict) else None
        name = options["name"] or legal_name or options["slug"]
        try:
            with transaction.atomic():
                owner = self._owner(options["owner_email"])
                organisation = organisation_create(name=name, slug=options["slug"], owner=owner)
                with schema_context(organisation.schema_name):
                    organisation_from_dict(data)
        except ImportErrors as errors:
            lines = "\n".join(f"  {path or '(file)'}: {message}" for path, message in errors.errors)
            raise CommandError(f"Nothing was imported:\n{lines}") from None
        self.stdout.write(f"Created {organisation.slug} ({organisation.host}).")

    def _read(self, file: str) -> Any:
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
            return json.loads(text)
        except (OSError, ValueError, RecursionError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None

    def _owner(self, email: str) -> Any:
        users = get_user_model().objects
        user = users.filter(username__iexact=email).first()
        if user is None:
            # No password: the owner sets one with "Forgot your password?".
            user = users.create_user(username=email.lower(), email=email.lower())
            user.set_unusable_password()
            user.save()
        return user
