"""A backend for Django's task API that keeps tasks in Redis and runs them in RQ workers.

Tasks are defined and enqueued with ``django.tasks`` as usual; this backend stores each one as an
RQ job (arguments as JSON, never pickled) and ``manage.py taskworker`` runs them. Results, errors
and timings are read back from RQ as Django's own ``TaskResult``.

Settings::

    TASKS = {"default": {
        "BACKEND": "tenants.queue.backend.RQBackend",
        "QUEUES": ["default"],
        "OPTIONS": {"URL": "redis://127.0.0.1:6379/0"},
    }}

Other options: ``PREFIX`` (put before every queue's name in Redis, so that several installations
or test runs can share one server), ``RESULT_TTL`` and ``FAILURE_TTL`` (seconds that results and
failures are kept; a day and a week by default) and ``TIMEOUT`` (seconds a task may run; 10 min).
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.tasks import Task, TaskResult, TaskResultStatus
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import TaskContext, TaskError
from django.tasks.exceptions import TaskResultDoesNotExist
from django.tasks.signals import task_enqueued, task_finished, task_started
from django.utils.crypto import get_random_string
from django.utils.json import normalize_json
from django.utils.module_loading import import_string
from redis import Redis
from rq import Queue, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

if TYPE_CHECKING:
    _Task = Task[..., Any]
    _Result = TaskResult[Any, Any]
else:  # not subscriptable at run time
    _Task, _Result = Task, TaskResult

STATUS = {
    JobStatus.QUEUED: TaskResultStatus.READY,
    JobStatus.DEFERRED: TaskResultStatus.READY,
    JobStatus.SCHEDULED: TaskResultStatus.READY,
    JobStatus.CREATED: TaskResultStatus.READY,
    JobStatus.STARTED: TaskResultStatus.RUNNING,
    JobStatus.FINISHED: TaskResultStatus.SUCCESSFUL,
    JobStatus.FAILED: TaskResultStatus.FAILED,
    JobStatus.STOPPED: TaskResultStatus.FAILED,
    JobStatus.CANCELED: TaskResultStatus.FAILED,
}
RUNNER = "tenants.queue.backend.run_job"


class TaskJob(Job):
    """An RQ job that can only run a Django task.

    RQ imports and calls whatever function a job names, and whatever callbacks it names. A job
    of ours names our runner and no callback; one that names anything else is refused, so that
    writing to Redis is not a way to run code of one's choosing in a worker.
    """

    @property
    def func(self) -> Any:
        if self.func_name != RUNNER:
            raise TypeError(f"Refusing to run {self.func_name!r}: not a Django task")
        return run_job

    @property
    def success_callback(self) -> None:
        return None

    @property
    def failure_callback(self) -> None:
        return None

    @property
    def stopped_callback(self) -> None:
        return None


class RQBackend(BaseTaskBackend):
    supports_get_result = True

    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self.url: str = self.options.get("URL", "redis://127.0.0.1:6379/0")
        self.prefix: str = self.options.get("PREFIX", "seloste:")
        self.result_ttl: int = self.options.get("RESULT_TTL", 24 * 60 * 60)
        self.failure_ttl: int = self.options.get("FAILURE_TTL", 7 * 24 * 60 * 60)
        self.timeout: int = self.options.get("TIMEOUT", 10 * 60)

    @cached_property
    def redis(self) -> Redis:
        # Made on first use, so that defining tasks at import time needs no Redis.
        return Redis.from_url(self.url)

    def queue(self, name: str) -> Queue:
        return Queue(
            self.prefix + name, connection=self.redis, serializer=JSONSerializer, job_class=TaskJob
        )

    def worker_queues(self) -> list[Queue]:
        return [self.queue(name) for name in sorted(self.queues)]

    def enqueue(self, task: _Task, args: Any, kwargs: Any) -> _Result:
        self.validate_task(task)
        result: _Result = TaskResult(
            task=task,
            id=get_random_string(32),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            finished_at=None,
            last_attempted_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        queue = self.queue(task.queue_name)
        job = queue.create_job(
            RUNNER,
            args=[task.module_path, result.args, result.kwargs],
            job_id=result.id,
            meta={"backend": self.alias},
            result_ttl=self.result_ttl,
            failure_ttl=self.failure_ttl,
            timeout=self.timeout,
        )
        job = queue.enqueue_job(job)
        object.__setattr__(result, "enqueued_at", _aware(job.enqueued_at))
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id: str) -> _Result:
        try:
            job = TaskJob.fetch(result_id, connection=self.redis, serializer=JSONSerializer)
        except NoSuchJobError:
            raise TaskResultDoesNotExist(result_id) from None
        return self._result_of(job)

    def _result_of(self, job: Job) -> _Result:
        module_path, args, kwargs = job.args
        status = STATUS.get(job.get_status(refresh=False), TaskResultStatus.READY)
        result: _Result = TaskResult(
            task=import_string(module_path).using(backend=self.alias),
            id=job.id,
            status=status,
            enqueued_at=_aware(job.enqueued_at),
            started_at=_aware(job.started_at),
            finished_at=_aware(job.ended_at),
            last_attempted_at=_aware(job.started_at),
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=_errors(job),
            worker_ids=[job.worker_name] if job.worker_name else [],
        )
        if status == TaskResultStatus.SUCCESSFUL:
            object.__setattr__(result, "_return_value", job.return_value())
        return result


def _aware(moment: datetime | None) -> datetime | None:
    """RQ keeps UTC times, some without a zone; Django's results carry one."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _errors(job: Job) -> list[TaskError]:
    if job.get_status(refresh=False) not in {JobStatus.FAILED, JobStatus.STOPPED}:
        return []
    latest = job.latest_result()
    trace = (latest.exc_string if latest is not None else None) or job.meta.get("traceback", "")
    return [
        TaskError(
            exception_class_path=job.meta.get("exception", "builtins.Exception"), traceback=trace
        )
    ]


def run_job(module_path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """What an RQ worker runs: the Django task named by ``module_path``."""
    task = import_string(module_path)
    if not isinstance(task, Task):
        # A job naming any other function could run arbitrary code with our privileges.
        raise TypeError(f"{module_path} is not a task")
    job = get_current_job()
    backend = task.get_backend()
    result = backend._result_of(job) if job is not None and isinstance(backend, RQBackend) else None
    if result is not None:
        task_started.send(type(backend), task_result=result)
    try:
        if task.takes_context:
            value = task.call(TaskContext(task_result=result), *args, **kwargs)  # type: ignore[arg-type]
        else:
            value = task.call(*args, **kwargs)
    except Exception as error:
        _note_failure(job, error, result, backend)
        raise
    if result is not None:
        object.__setattr__(result, "status", TaskResultStatus.SUCCESSFUL)
        task_finished.send(type(backend), task_result=result)
    return normalize_json(value)


def _note_failure(
    job: Job | None, error: Exception, result: _Result | None, backend: BaseTaskBackend
) -> None:
    """Keep the exception's class, which RQ does not, for TaskResult.errors."""
    if job is not None:
        kind = type(error)
        job.meta["exception"] = f"{kind.__module__}.{kind.__qualname__}"
        job.meta["traceback"] = traceback.format_exc()
        job.save_meta()  # type: ignore[no-untyped-call]
    if result is not None:
        object.__setattr__(result, "status", TaskResultStatus.FAILED)
        task_finished.send(type(backend), task_result=result)
