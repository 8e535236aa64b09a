from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from rq import SimpleWorker, Worker
from rq.serializers import JSONSerializer

from tenants.queue.backend import RQBackend, TaskJob


class Command(BaseCommand):
    help = (
        "Run background tasks (PDFs, re-rendering, mail) from the Redis queue. Start as many "
        "as the load needs, on any machine that reaches the database and Redis."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--backend",
            default=DEFAULT_TASK_BACKEND_ALIAS,
            help="The TASKS alias to work for (default: %(default)s).",
        )
        parser.add_argument(
            "--queue",
            action="append",
            dest="queues",
            help="A queue to take tasks from; repeat for several (default: all "
            "the backend's queues, in name order).",
        )
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Stop when the queues are empty instead of waiting for more.",
        )
        parser.add_argument(
            "--in-process",
            action="store_true",
            help="Run each task in the worker's own process instead of a fresh "
            "child process (for debugging and tests).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = task_backends[options["backend"]]
        if not isinstance(backend, RQBackend):
            raise CommandError(
                "The task backend runs tasks where they are enqueued, so there is nothing for a "
                "worker to do. Set SELOSTE_TASKS=redis to queue them in Redis."
            )
        unknown = set(options["queues"] or []) - backend.queues
        if unknown:
            raise CommandError(f"Not a queue of the backend: {', '.join(sorted(unknown))}")
        queues = [backend.queue(name) for name in options["queues"] or sorted(backend.queues)]
        worker_class = SimpleWorker if options["in_process"] else Worker
        if not options["in_process"]:
            # Each task runs in a forked child, which must open a database session of its own.
            connections.close_all()
        worker = worker_class(
            queues, connection=backend.redis, serializer=JSONSerializer, job_class=TaskJob
        )
        worker.work(
            burst=options["burst"], logging_level="WARNING" if options["verbosity"] < 2 else "INFO"
        )
