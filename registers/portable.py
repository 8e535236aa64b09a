"""The JSON format of a register and of a whole organisation: export, backup and fixtures.

A register is one JSON object with ``"format": "seloste.register"`` and ``"version": 1``; an
organisation wraps its controller and all its registers (``"format": "seloste.organisation"``).
Every model field is a key, except ids, version counters and timestamps; rows are lists in their
order; a transfer names its recipient by index into ``recipients``; free text is
``{"fi": ..., "en": ..., "sv": ...}``; closed lists use their vocabulary identifiers. The field list
comes from the models themselves, so a new model field is a new key (and the JSON Schema in
docs/json-schema/ must follow; a test compares them).

Import is all or nothing: every problem is collected with its JSON path, and nothing is written
unless there is none. The format admits drafts (a purpose without its legal basis), because the
checker, not the importer, decides whether a register is complete enough to publish.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from registers.models import (
    CategoryRow,
    Controller,
    Cookie,
    JointController,
    Purpose,
    Recipient,
    Register,
    Retention,
    Source,
    Transfer,
)
from registers.translated import LANGUAGE_CODES, TranslatedTextField

REGISTER_FORMAT = "seloste.register"
ORGANISATION_FORMAT = "seloste.organisation"
VERSION = 1

# Related name -> row model, in the order of the file. Recipients come before transfers, which
# point into them by index.
ROWS: dict[str, type[models.Model]] = {
    "purposes": Purpose,
    "categories": CategoryRow,
    "sources": Source,
    "recipients": Recipient,
    "joint_controllers": JointController,
    "transfers": Transfer,
    "retention": Retention,
    "cookies": Cookie,
}
_NOT_EXPORTED = frozenset({"id", "register", "position", "version", "created_at", "updated_at"})

Problem = tuple[str, str]


class ImportErrors(Exception):
    """Every problem found in an import, as (JSON path, translated message) pairs."""

    def __init__(self, errors: list[Problem]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors))


def exported_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The model's fields that are keys of the JSON format, in the model's order."""
    return [f for f in model._meta.concrete_fields if f.name not in _NOT_EXPORTED]


# Export ----------------------------------------------------------------------------------------


def _export_value(f: models.Field[Any, Any], value: Any) -> Any:
    if isinstance(f, TranslatedTextField):
        value = value or {}
        return {code: value[code] for code in LANGUAGE_CODES if value.get(code)}
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(f, ArrayField):
        return list(value)
    return value


def _instance_to_dict(instance: models.Model, **extra: Any) -> dict[str, Any]:
    data = {
        f.name: _export_value(f, getattr(instance, f.attname))
        for f in exported_fields(type(instance))
        if not f.is_relation
    }
    return {**data, **extra}


def register_to_dict(register: Register) -> dict[str, Any]:
    data: dict[str, Any] = {"format": REGISTER_FORMAT, "version": VERSION}
    data.update(_instance_to_dict(register))
    recipient_index: dict[int, int] = {}
    for name in ROWS:
        rows = list(getattr(register, name).order_by("position", "pk"))
        if name == "recipients":
            recipient_index = {row.pk: index for index, row in enumerate(rows)}
        data[name] = [_row_to_dict(row, recipient_index) for row in rows]
    return data


def _row_to_dict(row: models.Model, recipient_index: dict[int, int]) -> dict[str, Any]:
    if isinstance(row, Transfer):
        index = recipient_index.get(row.recipient_id) if row.recipient_id else None
        # Keep the key where the model declares it, right after the position.
        return {"recipient": index, **_instance_to_dict(row)}
    return _instance_to_dict(row)


def organisation_to_dict() -> dict[str, Any]:
    """The current schema's controller and every register: the backup of an organisation."""
    return {
        "format": ORGANISATION_FORMAT,
        "version": VERSION,
        "controller": _instance_to_dict(Controller.load()),
        "registers": [
            register_to_dict(register) for register in Register.objects.order_by("created_at", "pk")
        ],
    }


# Import: structure -----------------------------------------------------------------------------


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _check_translated(f: TranslatedTextField, value: Any) -> str | None:
    if not isinstance(value, dict) or not all(isinstance(t, str) for t in value.values()):
        return _('Expected text per language, as {"fi": "...", "en": "...", "sv": "..."}.')
    if not set(value) <= set(LANGUAGE_CODES):
        return _("Use only the language codes fi, en and sv.")
    if any(len(text.strip()) > f.text_max_length for text in value.values()):
        return _("Enter at most %(max)d characters per language.") % {"max": f.text_max_length}
    return None


def _check_value(f: models.Field[Any, Any], value: Any) -> str | None:
    """Why `value` cannot be the JSON value of `f`, or None; the model validates the rest."""
    if value is None:
        return None if f.null else _("This value cannot be null.")
    if isinstance(f, TranslatedTextField):
        return _check_translated(f, value)
    if isinstance(f, ArrayField):
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        return None if ok else _("Expected a list of identifiers.")
    if isinstance(f, models.BooleanField):
        return None if isinstance(value, bool) else _("Expected true or false.")
    if isinstance(f, models.IntegerField):
        return None if type(value) is int else _("Expected a whole number.")
    if isinstance(f, models.DateField):
        return None if isinstance(value, str) else _("Expected a date as YYYY-MM-DD.")
    return None if isinstance(value, str) else _("Expected text.")


def _check_keys(data: Any, expected: list[str], path: str) -> list[Problem]:
    if not isinstance(data, dict):
        return [(path, _("Expected an object."))]
    problems = [(_join(path, key), _("Unknown key.")) for key in data if key not in expected]
    problems += [
        (_join(path, key), _("This key is missing.")) for key in expected if key not in data
    ]
    return problems


def _check_header(data: Any, format_name: str) -> list[Problem]:
    if not isinstance(data, dict):
        return [("", _("Expected an object."))]
    if data.get("format") != format_name:
        return [("format", _('Expected "%(format)s".') % {"format": format_name})]
    if data.get("version") != VERSION:
        message = _("This version of the format cannot be read; expected %(version)d.")
        return [("version", message % {"version": VERSION})]
    return []


# Import: building unsaved instances ------------------------------------------------------------


@dataclass
class _Built:
    """An unsaved register with its unsaved rows, and the problems found on the way."""

    register: Register
    rows: dict[str, list[models.Model]] = field(default_factory=dict)
    recipient_of: dict[int, int] = field(default_factory=dict)  # transfer index -> recipient
    problems: list[Problem] = field(default_factory=list)


def _fill(
    instance: models.Model, data: dict[str, Any], path: str
) -> tuple[list[Problem], set[str]]:
    """Set the instance's fields from `data`; return the problems and the fields left unset."""
    problems, skipped = [], set()
    for f in exported_fields(type(instance)):
        if f.is_relation or f.name not in data:
            skipped.add(f.name)
            continue
        value = data[f.name]
        problem = _check_value(f, value)
        if problem:
            problems.append((_join(path, f.name), problem))
            skipped.add(f.name)
        elif isinstance(f, TranslatedTextField):
            setattr(instance, f.attname, {c: t.strip() for c, t in value.items() if t.strip()})
        else:
            setattr(instance, f.attname, value)
    return problems, skipped


def _model_problems(instance: models.Model, path: str, exclude: set[str]) -> list[Problem]:
    """The model's own validation (validators, choices, clean), keyed by JSON path."""
    try:
        instance.full_clean(exclude=sorted(exclude))
    except ValidationError as error:
        return list(_flatten(type(instance), error, path))
    return []


def _flatten(model: type[models.Model], error: ValidationError, path: str) -> Iterator[Problem]:
    for name, errors in error.error_dict.items():
        for item in errors:
            where = path if name == NON_FIELD_ERRORS else _join(path, name)
            for message in item.messages:
                yield where, str(message)


def _build_row(
    model: type[models.Model], data: Any, path: str
) -> tuple[models.Model, list[Problem]]:
    row = model()
    expected = [f.name for f in exported_fields(model)]
    problems = _check_keys(data, expected, path)
    if not isinstance(data, dict):
        return row, problems
    filled, skipped = _fill(row, data, path)
    problems += filled
    problems += _model_problems(row, path, skipped | {"register", "recipient"})
    return row, problems


def _recipient_index(data: dict[str, Any], count: int, path: str) -> tuple[int | None, str | None]:
    index = data.get("recipient")
    if index is None:
        return None, None
    if type(index) is not int:
        return None, _("Expected the index of a recipient in the list of recipients, or null.")
    if not 0 <= index < count:
        return None, _("There is no recipient with this index.")
    return index, None


def _build_rows(built: _Built, name: str, items: Any, path: str) -> None:
    if not isinstance(items, list):
        built.problems.append((path, _("Expected a list.")))
        return
    recipients = len(built.rows.get("recipients", []))
    built.rows[name] = []
    for index, item in enumerate(items):
        row, problems = _build_row(ROWS[name], item, _join(path, index))
        built.rows[name].append(row)
        built.problems += problems
        if name == "transfers" and isinstance(item, dict):
            target, problem = _recipient_index(item, recipients, _join(path, index))
            if problem:
                built.problems.append((_join(_join(path, index), "recipient"), problem))
            elif target is not None:
                built.recipient_of[index] = target


def _build_register(data: Any, *, slug: str | None, path: str = "") -> _Built:
    built = _Built(Register())
    header = _check_header(data, REGISTER_FORMAT)
    if header:
        built.problems = [(_join(path, where) if where else path, m) for where, m in header]
        return built
    expected = ["format", "version", *(f.name for f in exported_fields(Register)), *ROWS]
    built.problems += _check_keys(data, expected, path)
    if slug is not None:
        data = {**data, "slug": slug}
    filled, skipped = _fill(built.register, data, path)
    built.problems += filled
    built.problems += _model_problems(built.register, path, skipped)
    for name in ROWS:
        if name in data:
            _build_rows(built, name, data[name], _join(path, name))
    return built


def _save_register(built: _Built) -> Register:
    built.register.save()
    for rows in built.rows.values():
        for position, row in enumerate(rows):
            row.register = built.register  # type: ignore[attr-defined]
            row.position = position  # type: ignore[attr-defined]
            if isinstance(row, Transfer) and position in built.recipient_of:
                row.recipient = built.rows["recipients"][built.recipient_of[position]]  # type: ignore[assignment]
            row.save()
    return built.register


def register_from_dict(data: dict[str, Any], *, slug: str | None = None) -> Register:
    """Create a register in the current schema from its JSON form, entirely or not at all.

    `slug` replaces the file's own (to import a copy beside the original). Raises ImportErrors
    listing every problem.
    """
    built = _build_register(data, slug=slug)
    if built.problems:
        raise ImportErrors(built.problems)
    with transaction.atomic():
        return _save_register(built)


# Import: organisation --------------------------------------------------------------------------


def _build_controller(data: Any) -> tuple[Controller, list[Problem]]:
    controller = Controller.objects.filter(pk=1).first() or Controller(pk=1)
    expected = [f.name for f in exported_fields(Controller)]
    problems = _check_keys(data, expected, "controller")
    if isinstance(data, dict):
        filled, skipped = _fill(controller, data, "controller")
        problems += filled + _model_problems(controller, "controller", skipped)
    return controller, problems


def _build_registers(items: Any) -> tuple[list[_Built], list[Problem]]:
    if not isinstance(items, list):
        return [], [("registers", _("Expected a list."))]
    built, problems, seen = [], [], set()
    for index, item in enumerate(items):
        one = _build_register(item, slug=None, path=_join("registers", index))
        slug = one.register.slug
        if slug and slug in seen:
            message = _("Another register in this file has the same address.")
            one.problems.append((_join(_join("registers", index), "slug"), message))
        seen.add(slug)
        built.append(one)
        problems += one.problems
    return built, problems


def organisation_from_dict(data: dict[str, Any]) -> None:
    """Restore an organisation's controller and registers into the current schema.

    Refuses (ImportErrors) when the schema already holds a register with one of the file's
    addresses; the model's uniqueness check reports it at ``registers[i].slug``.
    """
    problems = _check_header(data, ORGANISATION_FORMAT)
    if problems:
        raise ImportErrors(problems)
    problems = _check_keys(data, ["format", "version", "controller", "registers"], "")
    controller, controller_problems = _build_controller(data.get("controller"))
    registers, register_problems = _build_registers(data.get("registers"))
    problems += controller_problems + register_problems
    if problems:
        raise ImportErrors(problems)
    with transaction.atomic():
        if controller.pk and Controller.objects.filter(pk=controller.pk).exists():
            controller.version += 1
        controller.save()
        for built in registers:
            _save_register(built)
