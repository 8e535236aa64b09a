"""The translations to review in the JSON format: ``"to_review"``, a list of
``{"field": "purposes[0].description", "language": "sv", "changed": ["fi"]}``.

The key is optional: a file without it (every file made before it existed) brings every language
of every text together, so nothing in it is to review. An export holds the key only while a
translation is open, so a register that could be published, and so each version, never does.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from registers.models import Register
from registers.portable.export import ROWS
from registers.translated import LANGUAGE_CODES, TranslatedTextField

Problem = tuple[str, str]
Entry = tuple[str, int | None, str, str, list[str]]  # list, row index, field, language, changed

_PATH = re.compile(r"(?:([a-z_]+)\[(\d+)\]\.)?([a-z_]+)")


def _translated(model: Any) -> set[str]:
    return {f.name for f in model._meta.get_fields() if isinstance(f, TranslatedTextField)}


def _entry(item: Any, counts: dict[str, int]) -> tuple[Entry | None, str | None]:
    if not isinstance(item, dict) or set(item) != {"field", "language", "changed"}:
        return None, _('Expected {"field": ..., "language": ..., "changed": [...]}.')
    match = _PATH.fullmatch(item["field"]) if isinstance(item["field"], str) else None
    rows, index, name = match.groups() if match else (None, None, None)
    model = ROWS.get(rows) if rows else Register
    if match is None or model is None or name not in _translated(model):
        return None, _("There is no text with this name in the register.")
    row = int(index) if rows and index is not None else None
    if rows and (row is None or row >= counts.get(rows, 0)):
        return None, _("There is no row with this index.")
    changed = item["changed"]
    codes = [item["language"], *(changed if isinstance(changed, list) else [None])]
    if not all(isinstance(code, str) and code in LANGUAGE_CODES for code in codes):
        return None, _("Use only the language codes fi, en and sv.")
    return (rows or "", row, str(name), item["language"], changed), None


def read_reviews(
    items: Any, counts: dict[str, int], path: str
) -> tuple[list[Entry], list[Problem]]:
    """The file's translations to review, or the problems with them (``counts``: rows per list)."""
    if not isinstance(items, list):
        return [], [(path, _("Expected a list."))]
    entries: list[Entry] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        entry, problem = _entry(item, counts)
        if problem is not None:
            problems.append((f"{path}[{index}]", problem))
        elif entry is not None and any(e[:4] == entry[:4] for e in entries):
            problems.append((f"{path}[{index}]", _("This text is named twice in this list.")))
        elif entry is not None:
            entries.append(entry)
    return entries, problems
