from __future__ import annotations

import os
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django_tenants.utils import schema_context

from tenants.models import Organisation, organisation_create

DEMO_EMAIL = "demo@example.com"
DEMO_SLUG = "demo"


class Command(BaseCommand):
    help = "Create the demo organisation and its owner once; print how to log in."

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        password = os.environ.get("SELOSTE_DEMO_PASSWORD") or secrets.token_urlsafe(12)
        owner = User.objects.filter(username=DEMO_EMAIL).first()
        if owner is None:
            owner = User.objects.create_user(DEMO_EMAIL, DEMO_EMAIL, password)
        else:
            # The password is shown only now, so a second run sets a fresh one to show.
            owner.set_password(password)
            owner.save(update_fields=["password"])
        organisation = Organisation.objects.filter(slug=DEMO_SLUG).first()
        if organisation is None:
            organisation = organisation_create(name="Demo Clinic Oy", slug=DEMO_SLUG, owner=owner)
            with schema_context(organisation.schema_name):
                from registers.demo import fill_demo

                fill_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organisation: {organisation.url()}\n"
                f"Log in as {DEMO_EMAIL} with the password {password}"
            )
        )
