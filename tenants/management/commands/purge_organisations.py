"""Drop the organisations whose deletion grace period has ended (run daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tenants.leaving import purge


class Command(BaseCommand):
    help = "Delete the organisations whose owners deleted them more than the grace period ago."

    def handle(self, *args: Any, **options: Any) -> None:
        for slug in purge():
            self.stdout.write(f"Deleted {slug}")
