"""One log line and the metrics of every task, from Django's task signals.

Both backends (in-process and the Redis queue) send ``task_started`` and ``task_finished`` around
the task, in the process that runs it; a failed task's finish is sent while its exception is being
handled, so the line carries its traceback. A tenant task's first argument is its organisation's
schema, which the line names.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from django.dispatch import receiver
from django.tasks.base import TaskResultStatus
from django.tasks.signals import task_enqueued, task_finished, task_started

from ops import metrics
from ops.context import Context, current

logger = logging.getLogger("seloste.task")
# The start of each running task, by result id, in this process.
_started: dict[str, tuple[float, Any]] = {}


def _schema(task_result: Any) -> str | None:
    from tenants.queue.tasks import TenantTask

    if isinstance(task_result.task, TenantTask) and task_result.args:
        return str(task_result.args[0])
    return None


@receiver(task_enqueued)
def _enqueued(sender: Any, task_result: Any, **kwargs: Any) -> None:
    # Names the task's id in the enqueuing request's line, which links the two.
    logger.info(
        "enqueued %s",
        task_result.task.name,
        extra={"task": task_result.task.module_path, "task_id": task_result.id},
    )


@receiver(task_started)
def _started_task(sender: Any, task_result: Any, **kwargs: Any) -> None:
    outer = current.get()
    context = Context(
        request_id=outer.request_id if outer else task_result.id,
        schema=_schema(task_result),
        task_id=task_result.id,
    )
    _started[task_result.id] = (time.perf_counter(), current.set(context))


@receiver(task_finished)
def _finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    start, token = _started.pop(task_result.id, (None, None))
    seconds = time.perf_counter() - start if start is not None else 0.0
    path = task_result.task.module_path
    status = str(task_result.status)
    metrics.TASKS.labels(path, status).inc()
    metrics.TASK_SECONDS.labels(path).observe(seconds)
    failed = task_result.status == TaskResultStatus.FAILED
    extra = {"task": path, "status": status, "duration_ms": round(seconds * 1000, 1)}
    try:
        if failed:
            error = sys.exc_info()
            logger.error("task %s failed", path, exc_info=error if error[0] else None, extra=extra)
        else:
            logger.info("task %s %s", path, status, extra=extra)
    finally:
        if token is not None:
            current.reset(token)
