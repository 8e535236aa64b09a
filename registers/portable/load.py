"""Import: the JSON format read back, checked whole, and written all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from registers import review
from registers.limits import MAX_ROWS
from registers.models import (
    Controller,
    Register,
    Transfer,
)
from registers.portable.export import (
    ORGANISATION_FORMAT,
    REGISTER_FORMAT,
    ROWS,
    VERSION,
    exported_fields,
)
from registers.portable.reviews import Entry, read_reviews
from registers.translated import LANGUAGE_CODES, TranslatedTextField
from registers.validators import validate_single_line

Problem = tuple[str, str]

# The format versions this importer reads; version 1 files predate the tri-state answers.
READABLE = (1, VERSION)
# Keys that version 2 added.
NEW_IN_2 = frozenset({"has_recipients", "has_transfers"})
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


class ImportErrors(Exception):
    """Every problem found in an import, as (JSON path, translated message) pairs."""

    def __init__(self, errors: list[Problem]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors))


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _unstorable(texts: Iterator[str]) -> str | None:
    """Why PostgreSQL cannot store one of these texts (a NUL, half of a surrogate pair), or None."""
    for text in texts:
        if "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text):
            return _("The text holds a character that cannot be stored (a NUL or a broken one).")
    return None


def _check_value(f: models.Field[Any, Any], value: Any) -> str | None:
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
        problem = _unstorable(iter(items))
    return problem or _check_single_line(f, value)


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
        return None if isinstance(value, str) else _("Expected a date as YYYY-MM-DD.")
    return None if isinstance(value, str) else _("Expected text.")


def _check_single_line(f: models.Field[Any, Any], value: Any) -> str | None:
    """A CharField holds one line, as in the editor (a TextField may break lines)."""
    if isinstance(f, models.CharField) and isinstance(value, str):
        try:
            validate_single_line(value)
        except ValidationError as error:
            return str(error.messages[0])
    return None


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
    # type() and not ==: true == 1 in Python, and the format's version is a number.
    if type(data.get("version")) is not int or data["version"] not in READABLE:
        message = _("This version of the format cannot be read; expected %(version)d.")
        return [("version", message % {"version": VERSION})]
    return []


@contextmanager
def _one_import_at_a_time(path: str) -> Iterator[None]:
    """One transaction; when a simultaneous import took an address first, a refusal, not a 500.

    The file was checked against the database before; another import may have committed the same
    address since. Its unique index decides, and this import writes nothing.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        message = _(
            "Another import saved a register with this address a moment ago. Nothing was imported."
        )
        raise ImportErrors([(path, message)]) from None


def _expected(model: type[models.Model], version: Any) -> list[str]:
    """The keys a file of ``version`` must hold for ``model``.

    Version 1 had no "are there recipients/transfers?" questions, and its answers may be
    missing: a missing answer is read as "not answered", never as a default claim.
    """
    names = [f.name for f in exported_fields(model)]
    if version == 1:
        return [n for n in names if n not in NEW_IN_2]
    return names


def _check_keys_of(data: Any, model: type[models.Model], version: Any, path: str) -> list[Problem]:
    problems = _check_keys(data, _expected(model, version), path)
    if version == 1:
        missing = _("This key is missing.")
        problems = [
            (where, message)
            for where, message in problems
            if not (message == missing and where.rsplit(".", 1)[-1] in ANSWERS)
        ]
    return problems


# Import: building unsaved instances ------------------------------------------------------------


@dataclass
class _Built:
    """An unsaved register with its unsaved rows, and the problems found on the way."""

    register: Register
    rows: dict[str, list[models.Model]] = field(default_factory=dict)
    recipient_of: dict[int, int] = field(default_factory=dict)  # transfer index -> recipient
    problems: list[Problem] = field(default_factory=list)
    to_review: list[Entry] = field(default_factory=list)


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
    model: type[models.Model], data: Any, path: str, version: Any
) -> tuple[models.Model, list[Problem]]:
    row = model()
    problems = _check_keys_of(data, model, version, path)
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


def _build_rows(built: _Built, name: str, items: Any, path: str, version: Any) -> None:
    if not isinstance(items, list):
        built.problems.append((path, _("Expected a list.")))
        return
    if len(items) > MAX_ROWS:
        message = _("The list %(list)s has %(count)d rows; a register holds at most %(max)d.")
        built.problems.append(
            (path, message % {"list": name, "count": len(items), "max": MAX_ROWS})
        )
        return
    recipients = len(built.rows.get("recipients", []))
    built.rows[name] = []
    for index, item in enumerate(items):
        row, problems = _build_row(ROWS[name], item, _join(path, index), version)
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
    header_keys = {"format": 0, "version": 0, "to_review": 0, **dict.fromkeys(ROWS, 0)}
    fields = {k: v for k, v in data.items() if k not in header_keys}
    built.problems += _check_keys_of(fields, Register, data["version"], path)
    built.problems += [(_join(path, k), _("This key is missing.")) for k in ROWS if k not in data]
    if slug is not None:
        data = {**data, "slug": slug}
    filled, skipped = _fill(built.register, data, path)
    built.problems += filled
    built.problems += _model_problems(built.register, path, skipped)
    if isinstance(data.get("slug"), str) and data["slug"] != data["slug"].lower():
        built.problems.append((_join(path, "slug"), _("Use lower-case letters in the address.")))
    for name in ROWS:
        if name in data:
            _build_rows(built, name, data[name], _join(path, name), data["version"])
    if "to_review" in data:
        counts = {name: len(rows) for name, rows in built.rows.items()}
        built.to_review, problems = read_reviews(
            data["to_review"], counts, _join(path, "to_review")
        )
        built.problems += problems
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
    for listed, index, name, language, changed in built.to_review:
        row_id = built.rows[listed][index].pk if listed and index is not None else None
        review.restore(built.register, (listed, row_id, name), language, changed)
    return built.register


def register_from_dict(data: dict[str, Any], *, slug: str | None = None) -> Register:
    """Create a register in the current schema from its JSON form, entirely or not at all.

    `slug` replaces the file's own (to import a copy beside the original). Raises ImportErrors
    listing every problem.
    """
    built = _build_register(data, slug=slug)
    if built.problems:
        raise ImportErrors(built.problems)
    with _one_import_at_a_time("slug"):
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


def controller_from_dict(data: Any) -> Controller:
    """Replace the current schema's controller details with the object ``data``, or nothing.

    The row is locked first, and its version moves on, so an editor page opened before the
    copy refuses to overwrite it (as after any save).
    """
    with transaction.atomic():
        Controller.objects.select_for_update().filter(pk=1).exists()
        controller, problems = _build_controller(data)
        if problems:
            raise ImportErrors(problems)
        if Controller.objects.filter(pk=1).exists():
            controller.version += 1
        controller.save()
    return controller


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
    with _one_import_at_a_time("registers"):
        if controller.pk and Controller.objects.filter(pk=controller.pk).exists():
            controller.version += 1
        controller.save()
        for built in registers:
            _save_register(built)
