"""What every log line of one request or task carries: its id, schema and user id."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Context:
    request_id: str
    schema: str | None = None
    user_id: int | None = None
    task_id: str | None = None


current: ContextVar[Context | None] = ContextVar("seloste_log_context", default=None)

# An id a proxy sent is kept only if it is short and plain, so a header cannot forge log lines.
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def request_id_from(header: str | None) -> str:
    if header and _VALID_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex
