"""Import: whether one JSON value can be the value of one model field.

The model validates the rest (choices, validators, clean); these checks catch what would otherwise
reach the database as the wrong type, or be read as something the file did not say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from registers.translated import LANGUAGE_CODES, TranslatedTextField
from registers.validators import (
    full_date_message,
    unprintable,
    unprintable_message,
    validate_single_line,
)

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{1,2})?$")


def unstorable(texts: Iterator[str]) -> str | None:
    """Why PostgreSQL cannot store one of these texts (a NUL, half of a surrogate pair), or None."""
    for text in texts:
        if "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text):
            return _("The text holds a character that cannot be stored (a NUL or a broken one).")
    return None


def check_value(f: models.Field[Any, Any], value: Any) -> str | None:
    """Why `value` cannot be the JSON value of `f`, or None; the model validates the rest."""
    problem = _check_type(f, value)
    if problem is None and isinstance(value, str | list | dict):
        items = (
            value.values()
            if isinstance(value, dict)
            else [value]
            if isinstance(value, str)
            else value
        )
        problem = unstorable(iter(items))
    return problem or _check_single_line(f, value) or _check_printable(f, value)


def _check_printable(f: models.Field[Any, Any], value: Any) -> str | None:
    """Only characters the PDF's fonts draw, as in the editor (registers.validators)."""
    if isinstance(f, TranslatedTextField) and isinstance(value, dict):
        missing = unprintable("".join(value.values()))
    elif isinstance(f, models.CharField) and isinstance(value, str):
        missing = unprintable(value)
    else:
        return None
    return unprintable_message(missing) if missing else None


def _check_translated(f: TranslatedTextField, value: Any) -> str | None:
    if not isinstance(value, dict) or not all(isinstance(t, str) for t in value.values()):
        return _('Expected text per language, as {"fi": "...", "en": "...", "sv": "..."}.')
    if not set(value) <= set(LANGUAGE_CODES):
        return _("Use only the language codes fi, en and sv.")
    if any(len(text.strip()) > f.text_max_length for text in value.values()):
        return _("Enter at most %(max)d characters per language.") % {"max": f.text_max_length}
    return None


def _check_type(f: models.Field[Any, Any], value: Any) -> str | None:
    if value is None:
        return None if f.null else _("This value cannot be null.")
    if isinstance(f, TranslatedTextField):
        return _check_translated(f, value)
    if isinstance(f, ArrayField):
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        if not ok:
            return _("Expected a list of identifiers.")
        return None if len(set(value)) == len(value) else _("Name each identifier only once.")
    if isinstance(f, models.BooleanField):
        return None if isinstance(value, bool) else _("Expected true or false.")
    if isinstance(f, models.IntegerField):
        return None if type(value) is int else _("Expected a whole number.")
    if isinstance(f, models.DateField):
        return check_date(value)
    return None if isinstance(value, str) else _("Expected text.")


def _check_single_line(f: models.Field[Any, Any], value: Any) -> str | None:
    """A CharField holds one line, as in the editor (a TextField may break lines)."""
    if isinstance(f, models.CharField) and isinstance(value, str):
        try:
            validate_single_line(value)
        except ValidationError as error:
            return str(error.messages[0])
    return None


def check_date(value: Any) -> str | None:
    """A full date only: a year, or a year and a month, is refused by name, not guessed at."""
    if not isinstance(value, str):
        return _("Expected a date as YYYY-MM-DD.")
    if _PARTIAL_DATE.match(value.strip()):
        return full_date_message()
    if not _FULL_DATE.match(value.strip()):
        return _("Expected a date as YYYY-MM-DD.")
    return None
