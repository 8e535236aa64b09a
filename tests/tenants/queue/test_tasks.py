"""Background tasks: in-process by default, through Redis (django-tasks-redis) when configured.

The queue tests use the real Redis server (REDIS_URL, or 127.0.0.1:6379) under a key prefix of
their own, and run the worker command in burst mode in the test's process, so that the tasks see
the test's database transaction.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.tasks import Task, TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django_tasks_redis.utils import get_result_key
from django_tenants.utils import schema_context

from registers.models import Controller
from tenants.queue.backend import RedisBackend, waiting
from tenants.queue.tasks import NoOrganisation, send_email, tenant_task


@tenant_task
def controller_name(greeting: str) -> str:
    """A task of an organisation: reads the controller row of the schema it runs in."""
    return f"{greeting}, {Controller.load().legal_name}"


def name_the_controllers(acme: Any, globex: Any) -> None:
    with schema_context(acme.schema_name):
        Controller.objects.update_or_create(pk=1, defaults={"legal_name": "Acme Oy"})
    with schema_context(globex.schema_name):
        Controller.objects.update_or_create(pk=1, defaults={"legal_name": "Globex Ab"})


def run_worker() -> None:
    call_command("taskworker", "--burst")


def queued() -> int:
    backend = controller_name.get_backend()
    assert isinstance(backend, RedisBackend)
    return waiting(backend, "default")[0]


def test_a_task_waits_in_redis_until_a_worker_runs_it(redis_queue, acme):
    with schema_context(acme.schema_name):
        result = controller_name.enqueue("Hello")

    assert isinstance(controller_name.get_backend(), RedisBackend)
    assert controller_name.get_result(result.id).status == TaskResultStatus.READY
    run_worker()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.args == ["org_acme", "Hello"]


def test_each_task_runs_in_the_organisation_it_was_enqueued_in(redis_queue, acme, globex):
    name_the_controllers(acme, globex)
    with schema_context(acme.schema_name):
        for_acme = controller_name.enqueue("Hello")
    for_globex = controller_name.enqueue_for(globex, greeting="Hej")

    run_worker()

    assert controller_name.get_result(for_acme.id).return_value == "Hello, Acme Oy"
    assert controller_name.get_result(for_globex.id).return_value == "Hej, Globex Ab"


def test_a_tenant_task_is_refused_outside_an_organisation(redis_queue, acme):
    with pytest.raises(NoOrganisation):
        controller_name.enqueue("Hello")

    assert queued() == 0


@pytest.mark.parametrize("schema", ["public", "org_template", "org_nobody"])
def test_the_worker_refuses_a_tenant_task_without_an_organisation(redis_queue, db, schema):
    # Enqueued past the helper, as a job written to Redis by hand would be.
    result = Task.enqueue(controller_name, schema, "Hello")

    run_worker()

    result.refresh()
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "tenants.queue.tasks.NoOrganisation"
    assert schema in result.errors[0].traceback


def test_the_worker_refuses_a_job_that_names_any_other_function(redis_queue, db):
    result = send_email.enqueue(subject="Hi", message="Hello", recipient_list=["a@b.example"])
    # Rewritten in Redis to name another function, as anyone who can reach Redis could.
    backend = send_email.get_backend()
    assert isinstance(backend, RedisBackend)
    key = get_result_key(redis_queue, backend.alias, result.id)
    client = backend.get_client()
    client.hset(key, mapping={"task_path": "os.getcwd", "args_json": "[]", "kwargs_json": "{}"})

    run_worker()

    stored = client.hgetall(key)
    assert stored["status"] == TaskResultStatus.FAILED
    assert "tenants.queue.backend.NotATask" in stored["errors_json"]
    assert "Refusing to run 'os.getcwd'" in stored["errors_json"]
    assert stored.get("return_value_json", "") == ""


def test_a_task_is_enqueued_only_when_its_transaction_commits(
    redis_queue, acme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with schema_context(acme.schema_name):
            controller_name.enqueue_on_commit("Hello")
        assert queued() == 0

    for callback in callbacks:
        callback()
    assert queued() == 1


def test_mail_is_sent_by_the_worker(redis_queue, db, mailoutbox):
    send_email.enqueue(subject="Welcome", message="Hello there", recipient_list=["a@b.example"])
    assert mailoutbox == []

    run_worker()

    assert [message.subject for message in mailoutbox] == ["Welcome"]
    assert mailoutbox[0].to == ["a@b.example"]


def test_an_unknown_result_is_reported_as_missing(redis_queue, db):
    with pytest.raises(TaskResultDoesNotExist):
        controller_name.get_result("no-such-result")


def test_by_default_a_task_runs_at_once_in_its_organisation(acme, globex):
    name_the_controllers(acme, globex)

    with schema_context(globex.schema_name):
        result = controller_name.enqueue("Hej")

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "Hej, Globex Ab"


def test_the_worker_will_not_start_without_a_queue_to_work_on(db):
    with pytest.raises(CommandError, match="SELOSTE_TASKS=redis"):
        run_worker()
