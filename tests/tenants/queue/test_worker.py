"""The worker on a connection of its own, as in production: not inside a test's transaction."""

from __future__ import annotations

import threading
from typing import Any

from django.core.management import call_command
from django.db import connection, connections
from django.tasks import TaskResultStatus, task

from tenants.models import Organisation


@task
def organisations_counted() -> int:
    """Any task that reads the database."""
    return Organisation.objects.count()


def in_a_thread(action: Any) -> None:
    """Run ``action`` on the thread's own autocommitting connection, as a worker process has."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            action()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not errors, errors


def test_a_worker_replaces_a_database_connection_that_broke_between_tasks(redis_queue, db):
    result = organisations_counted.enqueue()

    def work_after_the_connection_broke() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        killer = connections.create_connection("default")
        try:
            with killer.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            killer.close()
        call_command("taskworker", "--burst")

    in_a_thread(work_after_the_connection_broke)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert isinstance(result.return_value, int)
