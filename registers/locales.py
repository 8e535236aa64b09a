"""Dates and lists as readers of each notice language write them.

The notices are Finnish organisations' texts: English dates are written in the British form ("2
March 2026"), Swedish ones as in Finland. Lists keep the serial comma in English ("a, b, and c"):
items such as "event and course participants" would run into each other without it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from babel.dates import format_date
from babel.lists import format_list

LOCALES = {"en": "en_GB", "fi": "fi_FI", "sv": "sv_FI"}


def long_date(value: datetime.date, language: str) -> str:
    return format_date(value, format="long", locale=LOCALES.get(language, language))


def spoken_list(items: Sequence[str], language: str) -> str:
    return format_list(list(items), locale=language) if items else ""
