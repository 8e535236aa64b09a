"""When the notice takes effect and when it was last updated, each in one long form per language.

The outputs print them once, in the notice's header (``templates/notices/parts/dates.html``): the
"last updated" line always, the effective date only when it differs from it.
"""

from __future__ import annotations

import datetime

from registers.locales import long_date


def shown(value: datetime.date | None, language: str) -> str:
    """The date in the language's one long form (en-GB in English), or nothing when not set."""
    return long_date(value, language) if value else ""
