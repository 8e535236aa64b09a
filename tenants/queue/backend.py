"""The task queue: django-tasks-redis, which runs only what names a Django task.

django-tasks-redis keeps each task in Redis (arguments as JSON, never pickled) and
``manage.py taskworker`` (the library's worker) runs them. A worker imports the function a stored
task names; the library calls that function even when it is not a task, so writing to Redis
would be a way to run any function of the code base in a worker. This backend refuses such a
job: it fails, with the reason in its errors, and nothing is called. It also gives each task a
usable database connection, which the library leaves to the application.

Settings::

    TASKS = {"default": {
        "BACKEND": "tenants.queue.backend.RedisBackend",
        "QUEUES": ["default"],
        "OPTIONS": {"REDIS_URL": "redis://127.0.0.1:6379/0", "REDIS_KEY_PREFIX": "seloste"},
    }}

The library's other options (``REDIS_COMPLETED_TASK_TTL``, ``REDIS_CLAIM_TIMEOUT``, …) are
described in its documentation.
"""

from __future__ import annotations

from typing import Any

from django.db import close_old_connections, connections
from django.tasks import Task
from django_tasks_redis import RedisTaskBackend
from redis import ResponseError


class NotATask(TypeError):
    """A stored task named a function that is not a Django task."""


class RedisBackend(RedisTaskBackend):
    def run_task(self, task_id: str, *args: Any, **kwargs: Any) -> Any:
        # A worker lives for days; like each request, each task starts and ends by dropping a
        # database connection that broke (a restarted server) or that is too old.
        _drop_stale_connections()
        try:
            return super().run_task(task_id, *args, **kwargs)
        finally:
            _drop_stale_connections()

    def _resolve_task(self, task_path: str) -> Task[..., Any]:
        found = super()._resolve_task(task_path)
        if not isinstance(found, Task):
            raise NotATask(f"Refusing to run {task_path!r}: not a Django task")
        return found


def _drop_stale_connections() -> None:
    # In a transaction (a test's, running the worker in its own process) the connection is in use.
    if not any(connection.in_atomic_block for connection in connections.all(initialized_only=True)):
        close_old_connections()


def waiting(backend: RedisBackend, queue_name: str) -> tuple[int, int]:
    """How many tasks of a queue wait, and how many failed ones are still kept."""
    stats = backend.get_queue_stats(queue_name)
    return int(stats["pending_count"]), int(stats["failed_count"])


def workers(backend: RedisBackend, queue_name: str) -> int:
    """Workers that read the queue: consumers in the consumer group of any of its streams.

    A worker leaves the group when it stops; one that was killed is removed by the next worker's
    sweep of idle consumers.
    """
    client = backend.get_client()
    names: set[str] = set()
    for stream_key in backend.broker.stream_keys(queue_name):
        try:
            consumers = client.xinfo_consumers(stream_key, backend.consumer_group)
        except ResponseError:  # no task was ever sent to this stream: it has no group yet
            continue
        names.update(consumer["name"] for consumer in consumers)
    return len(names)
