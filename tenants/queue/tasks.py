"""Background work that belongs to an organisation, and the mail the site sends.

Work that reads or writes an organisation's data is declared with ``@tenant_task`` instead of
Django's ``@task``. Enqueued while the connection is in an organisation's schema (as it is in any
request on the organisation's host), the task records that schema as its first argument, and the
worker runs it in that schema and no other::

    @tenant_task
    def render_pdf(register_id: int) -> None: ...

    render_pdf.enqueue(register.pk)                      # in a request on the organisation's host
    render_pdf.enqueue_for(organisation, register.pk)    # anywhere else, e.g. a management command

A tenant task enqueued outside an organisation, or run with a schema that is not an
organisation's, is refused. Arguments must be JSON values (ids, not model instances): they are
stored in Redis when the queue is in use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.core.mail import send_mail
from django.db import connection, transaction
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME, Task, TaskResult, task
from django.tasks.base import DEFAULT_TASK_PRIORITY
from django_tenants.utils import get_public_schema_name, schema_context

from tenants.models import TEMPLATE_SCHEMA, Organisation

if TYPE_CHECKING:
    _Task = Task[..., Any]
    _Result = TaskResult[Any, Any]
else:  # not subscriptable at run time
    _Task, _Result = Task, TaskResult


class NoOrganisation(Exception):
    """A tenant task was enqueued or run without the schema of an existing organisation."""


class TenantTask(_Task):
    """A task that carries its organisation's schema and runs in it."""

    __slots__ = ()

    def enqueue(self, *args: Any, **kwargs: Any) -> _Result:
        return Task.enqueue(self, current_organisation_schema(), *args, **kwargs)

    def enqueue_for(self, organisation: Organisation, *args: Any, **kwargs: Any) -> _Result:
        return Task.enqueue(self, organisation_schema(organisation.schema_name), *args, **kwargs)

    def enqueue_on_commit(self, *args: Any, **kwargs: Any) -> None:
        """Enqueue once the current transaction commits, so the worker sees what it wrote."""
        schema = current_organisation_schema()
        transaction.on_commit(lambda: Task.enqueue(self, schema, *args, **kwargs))


def current_organisation_schema() -> str:
    return organisation_schema(cast(Any, connection).schema_name, checked=False)


def organisation_schema(schema: object, *, checked: bool = True) -> str:
    """``schema`` if it is an organisation's; otherwise refuse."""
    if not isinstance(schema, str) or schema in {get_public_schema_name(), TEMPLATE_SCHEMA}:
        raise NoOrganisation(
            f"A tenant task needs an organisation's schema, not {schema!r}. Enqueue it in a "
            "request on the organisation's host, in schema_context(), or with enqueue_for()."
        )
    if checked and not Organisation.objects.filter(schema_name=schema).exists():
        raise NoOrganisation(f"No organisation has the schema {schema!r} (any more).")
    return schema


def tenant_task(
    function: Callable[..., Any] | None = None,
    *,
    priority: int = DEFAULT_TASK_PRIORITY,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    backend: str = DEFAULT_TASK_BACKEND_ALIAS,
    takes_context: bool = False,
) -> Any:
    """Like Django's ``@task``, for work in one organisation's schema."""

    def decorate(func: Callable[..., Any]) -> TenantTask:
        @functools.wraps(func)
        def in_schema(*args: Any, **kwargs: Any) -> Any:
            lead, rest = (args[:1], args[1:]) if takes_context else ((), args)
            if not rest:
                raise NoOrganisation("A tenant task was run without its organisation's schema.")
            schema = organisation_schema(rest[0])
            with schema_context(schema):
                return func(*lead, *rest[1:], **kwargs)

        return TenantTask(
            func=in_schema,
            priority=priority,
            queue_name=queue_name,
            backend=backend,
            takes_context=takes_context,
        )

    return decorate(function) if function is not None else decorate


@task
def send_email(
    *,
    subject: str,
    message: str,
    recipient_list: list[str],
    html_message: str | None = None,
    from_email: str | None = None,
) -> int:
    """Send one message; the caller renders it (in the reader's language) before queueing.

    It carries no organisation because it reads no organisation's data: everything it sends is
    in its arguments. Call it with ``send_email.enqueue(subject=..., message=..., ...)``,
    preferably from ``transaction.on_commit`` so that nothing is sent for a rolled-back change.
    """
    return send_mail(subject, message, from_email, recipient_list, html_message=html_message)
