"""When the notice takes effect and when it was last updated, each in one long form per language.

The outputs print them once, in the notice's header (``templates/notices/parts/dates.html``): the
"last updated" line always, the effective date only when it differs from it.
"""

from __future__ import annotations

import datetime

from registers.locales import long_date


def notice_dates(
    effective: datetime.date | None, updated: datetime.date | None, language: str
) -> dict[str, str]:
    return {
        "effective_date": long_date(effective, language) if effective else "",
        "updated": long_date(updated, language) if updated else "",
    }
