from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from registers.publishing.rerender import DEFAULT_STATE, Progress, RerenderFailed, rerender_all


class Command(BaseCommand):
    help = (
        "Publish again every register whose latest version the current templates render "
        "differently, with its data unchanged. One task per organisation; organisations "
        "finished by an earlier run are skipped unless --restart is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the registers that would be re-rendered; record nothing.",
        )
        parser.add_argument(
            "--state",
            type=Path,
            default=DEFAULT_STATE,
            help="File recording the organisations done, to resume from (default: %(default)s).",
        )
        parser.add_argument(
            "--restart",
            action="store_true",
            help="Forget the organisations an earlier run finished and start from the first.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["state"]
        dry_run: bool = options["dry_run"]
        earlier = Progress(path) if options["restart"] else Progress.load(path)
        # A dry run skips what is done but writes nothing, so the real run does everything.
        progress = Progress(None, finished=set(earlier.finished)) if dry_run else earlier
        skipped = len(progress.finished)
        if skipped:
            self.stdout.write(f"Resuming: {skipped} organisations already done ({path}).")
        try:
            rerender_all(progress, dry_run=dry_run, report=self.stdout.write)
        except RerenderFailed as failure:
            raise CommandError(f"Re-rendering stopped: {failure}") from failure
        self.stdout.write("Done." if not dry_run else "Done (dry run: nothing was published).")
