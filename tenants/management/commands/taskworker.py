"""The queue's worker: django-tasks-redis's ``run_redis_tasks``, waiting for tasks by default.

The library's app is not installed (its admin would list every organisation's queued tasks to
whoever can log in to the operators' admin), so its command is offered here under our name.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.tasks import task_backends
from django_tasks_redis.management.commands import run_redis_tasks

from registers.render.pdf import warm_up
from tenants.queue.backend import RedisBackend


class Command(run_redis_tasks.Command):
    @property
    def help(self) -> str:
        return (
            "Run background tasks (PDFs, re-rendering, mail) from the Redis queue. Start as many "
            "as the load needs, on any machine that reaches the database and Redis."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--burst",
            dest="continuous",
            action="store_false",
            help="Stop when the queues are empty instead of waiting for more.",
        )
        parser.set_defaults(continuous=True)

    def handle(self, *args: Any, **options: Any) -> Any:
        if not isinstance(task_backends[options["backend_name"]], RedisBackend):
            raise CommandError(
                "The task backend runs tasks where they are enqueued, so there is nothing for a "
                "worker to do. Set SELOSTE_TASKS=redis to queue them in Redis."
            )
        if options["continuous"]:
            warm_up()  # a waiting worker's first PDF then costs what the next one does
        return super().handle(*args, **options)
