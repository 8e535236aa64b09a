"""Import: the keys a file of each version of the format holds, and its header."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from registers.models import Purpose, Retention
from registers.portable.export import VERSION, exported_fields

Problem = tuple[str, str]

# The format versions this importer reads; version 1 files predate the tri-state answers,
# version 2 files the consent method, unknown transfer countries and retention per category.
READABLE = (1, 2, VERSION)
# Keys that version 2 and version 3 added; an older file lacks them, which reads "not answered".
NEW_IN_2 = frozenset({"has_recipients", "has_transfers"})
NEW_IN_3 = frozenset({"consent_method", "country_unknown", "all_other_data", "end_event"})
# Retention rules name the categories they cover by index into ``categories`` (version 3).
COVERED = "categories"
# A purpose names the data it uses the same way; the key is optional (version 3 files written
# before it existed lack it, and then the purpose's data is not answered).
USES = "categories"
# The answers that become sentences: a version 1 file without one leaves it "not answered".
ANSWERS = frozenset(
    {
        "collected_from_subject",
        "has_automated_decisions",
        "response_days",
        "effective_date",
        "requirement",
    }
)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def check_keys(data: Any, expected: list[str], path: str) -> list[Problem]:
    if not isinstance(data, dict):
        return [(path, _("Expected an object."))]
    problems = [(join(path, key), _("Unknown key.")) for key in data if key not in expected]
    problems += [
        (join(path, key), _("This key is missing.")) for key in expected if key not in data
    ]
    return problems


def check_header(data: Any, format_name: str) -> list[Problem]:
    if not isinstance(data, dict):
        return [("", _("Expected an object."))]
    if data.get("format") != format_name:
        return [("format", _('Expected "%(format)s".') % {"format": format_name})]
    # type() and not ==: true == 1 in Python, and the format's version is a number.
    if type(data.get("version")) is not int or data["version"] not in READABLE:
        message = _("This version of the format cannot be read; expected %(version)d.")
        return [("version", message % {"version": VERSION})]
    return []


def expected(model: type[models.Model], version: Any) -> list[str]:
    """The keys a file of ``version`` must hold for ``model``.

    Version 1 had no "are there recipients/transfers?" questions, and its answers may be
    missing; version 2 had no consent method, unknown countries or retention per category. A
    missing answer is read as "not answered", never as a default claim.
    """
    names = [f.name for f in exported_fields(model)]
    if model is Retention:
        names.insert(0, COVERED)
    if model is Purpose and version == VERSION:
        names.append(USES)
    if version == 1:
        names = [n for n in names if n not in NEW_IN_2]
    if version in (1, 2):
        names = [
            n for n in names if n not in NEW_IN_3 and not (model is Retention and n == COVERED)
        ]
    return names


def check_keys_of(data: Any, model: type[models.Model], version: Any, path: str) -> list[Problem]:
    problems = check_keys(data, expected(model, version), path)
    if model is Purpose:
        problems = [p for p in problems if p != (join(path, USES), _("This key is missing."))]
    if version == 1:
        missing = _("This key is missing.")
        problems = [
            (where, message)
            for where, message in problems
            if not (message == missing and where.rsplit(".", 1)[-1] in ANSWERS)
        ]
    return problems
