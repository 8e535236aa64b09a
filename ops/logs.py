"""Log lines as JSON (SELOSTE_LOG_FORMAT=json): one object per line, tracebacks included.

Every line carries the request or task it belongs to (``ops.context``): its id, the
organisation's schema and the user's id, never a name, an email address or the data itself.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from ops.context import current

# Attributes every LogRecord has (and django.request's request object, which would print its
# path); anything else was passed with ``extra=`` and goes in the line.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName", "request"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = current.get()
        if context is not None:
            line["request_id"] = context.request_id
            line["schema"] = context.schema
            line["user_id"] = context.user_id
            if context.task_id:
                line["task_id"] = context.task_id
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["traceback"] = record.exc_text
        return json.dumps(line, default=str, ensure_ascii=False)
