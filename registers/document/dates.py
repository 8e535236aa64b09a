"""When the notice takes effect and when it was last updated."""

from __future__ import annotations

import datetime

from registers.document.blocks import Block, definitions, say, term
from registers.document.entered import Entered
from registers.locales import long_date


def section_dates(
    e: Entered, effective: datetime.date | None, updated: datetime.date | None
) -> tuple[Block, ...]:
    items = [
        term(
            "effective_date",
            long_date(effective, e.language) if effective else "",
            "effective_date",
        ),
        term(
            "updated",
            long_date(updated, e.language) if updated else "",
            "version.published_at",
        ),
    ]
    if not updated:
        items.append(term("status", say("statement", key="draft"), "version"))
    return (definitions(items, "effective_date"),)
