"""Import: the JSON format read back, checked whole, and written all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from registers import review
from registers.limits import MAX_ROWS
from registers.models import (
    Controller,
    Register,
    Retention,
    Transfer,
)
from registers.portable.export import (
    ORGANISATION_FORMAT,
    REGISTER_FORMAT,
    ROWS,
    exported_fields,
)
from registers.portable.keys import (
    COVERED,
    USES,
    Problem,
    check_header,
    check_keys,
    check_keys_of,
    join,
)
from registers.portable.record import (
    ACTIVITIES,
    PROCESSOR,
    RECORD,
    build_record,
    save_record,
)
from registers.portable.reviews import Entry, read_reviews
from registers.portable.values import check_value
from registers.translated import TranslatedTextField


class ImportErrors(Exception):
    """Every problem found in an import, as (JSON path, translated message) pairs."""

    def __init__(self, errors: list[Problem]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors))


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


# Import: building unsaved instances ------------------------------------------------------------


@dataclass
class _Built:
    """An unsaved register with its unsaved rows, and the problems found on the way."""

    register: Register
    rows: dict[str, list[models.Model]] = field(default_factory=dict)
    recipient_of: dict[int, int] = field(default_factory=dict)  # transfer index -> recipient
    covers: dict[int, list[int]] = field(default_factory=dict)  # retention index -> categories
    uses: dict[int, list[int]] = field(default_factory=dict)  # purpose index -> categories
    to_review: list[Entry] = field(default_factory=list)
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
        problem = check_value(f, value)
        if problem:
            problems.append((join(path, f.name), problem))
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
            where = path if name == NON_FIELD_ERRORS else join(path, name)
            for message in item.messages:
                yield where, str(message)


def _build_row(
    model: type[models.Model], data: Any, path: str, version: Any
) -> tuple[models.Model, list[Problem]]:
    row = model()
    problems = check_keys_of(data, model, version, path)
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


def _category_indices(data: dict[str, Any], count: int) -> tuple[list[int], str | None]:
    indices = data.get(COVERED, [])
    if not isinstance(indices, list) or not all(type(i) is int for i in indices):
        return [], _("Expected a list of indices into the list of categories.")
    if len(set(indices)) != len(indices):
        return [], _("Name each category only once.")
    if not all(0 <= i < count for i in indices):
        return [], _("There is no category with this index.")
    return indices, None


def _link(built: _Built, name: str, index: int, item: Any, path: str) -> None:
    """A transfer's recipient and a retention rule's categories, by index into earlier lists."""
    if not isinstance(item, dict):
        return
    if name == "transfers":
        recipients = len(built.rows.get("recipients", []))
        target, problem = _recipient_index(item, recipients, path)
        if problem:
            built.problems.append((join(path, "recipient"), problem))
        elif target is not None:
            built.recipient_of[index] = target
    elif name == "retention":
        indices, problem = _category_indices(item, len(built.rows.get("categories", [])))
        if problem:
            built.problems.append((join(path, COVERED), problem))
        else:
            built.covers[index] = indices


def _link_purposes(built: _Built, items: Any, path: str) -> None:
    """The categories each purpose uses: the list comes after the purposes in the file."""
    count = len(built.rows.get("categories", []))
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and USES in item:
            indices, problem = _category_indices({COVERED: item[USES]}, count)
            if problem:
                built.problems.append((join(join(path, index), USES), problem))
            else:
                built.uses[index] = indices


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
    built.rows[name] = []
    for index, item in enumerate(items):
        row, problems = _build_row(ROWS[name], item, join(path, index), version)
        built.rows[name].append(row)
        built.problems += problems
        _link(built, name, index, item, join(path, index))


def _build_register(data: Any, *, slug: str | None, path: str = "") -> _Built:
    built = _Built(Register())
    header = check_header(data, REGISTER_FORMAT)
    if header:
        built.problems = [(join(path, where) if where else path, m) for where, m in header]
        return built
    header_keys = {"format": 0, "version": 0, "to_review": 0, **dict.fromkeys(ROWS, 0)}
    fields = {k: v for k, v in data.items() if k not in header_keys}
    built.problems += check_keys_of(fields, Register, data["version"], path)
    built.problems += [(join(path, k), _("This key is missing.")) for k in ROWS if k not in data]
    if slug is not None:
        data = {**data, "slug": slug}
    filled, skipped = _fill(built.register, data, path)
    built.problems += filled
    built.problems += _model_problems(built.register, path, skipped)
    if isinstance(data.get("slug"), str) and data["slug"] != data["slug"].lower():
        built.problems.append((join(path, "slug"), _("Use lower-case letters in the address.")))
    for name in ROWS:
        if name in data:
            _build_rows(built, name, data[name], join(path, name), data["version"])
    if "purposes" in built.rows:
        _link_purposes(built, data["purposes"], join(path, "purposes"))
    if "to_review" in data:
        counts = {name: len(rows) for name, rows in built.rows.items()}
        built.to_review, problems = read_reviews(data["to_review"], counts, join(path, "to_review"))
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
            if isinstance(row, Retention) and built.covers.get(position):
                covered = [built.rows["categories"][i] for i in built.covers[position]]
                row.categories.set(covered)  # type: ignore[arg-type]
    # Purposes are saved before the categories they name.
    for position, purpose in enumerate(built.rows.get("purposes", [])):
        if built.uses.get(position):
            used = [built.rows["categories"][i] for i in built.uses[position]]
            purpose.categories.set(used)  # type: ignore[attr-defined]
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
    problems = check_keys(data, expected, "controller")
    if isinstance(data, dict):
        filled, skipped = _fill(controller, data, "controller")
        problems += filled + _model_problems(controller, "controller", skipped)
    return controller, problems


def _build_registers(items: Any) -> tuple[list[_Built], list[Problem]]:
    if not isinstance(items, list):
        return [], [("registers", _("Expected a list."))]
    built, problems, seen = [], [], set()
    for index, item in enumerate(items):
        one = _build_register(item, slug=None, path=join("registers", index))
        slug = one.register.slug
        if slug and slug in seen:
            message = _("Another register in this file has the same address.")
            one.problems.append((join(join("registers", index), "slug"), message))
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
    problems = check_header(data, ORGANISATION_FORMAT)
    if problems:
        raise ImportErrors(problems)
    keys = ["format", "version", "controller", "registers", RECORD]
    # The record is optional: a backup made before it travelled restores without one.
    problems = [p for p in check_keys(data, keys, "") if p[0] != RECORD]
    controller, controller_problems = _build_controller(data.get("controller"))
    registers, register_problems = _build_registers(data.get("registers"))
    record = build_record(data.get(RECORD, {ACTIVITIES: [], PROCESSOR: []}), _slugs(registers))
    problems += controller_problems + register_problems + record.problems
    if problems:
        raise ImportErrors(problems)
    with _one_import_at_a_time("registers"):
        if controller.pk and Controller.objects.filter(pk=controller.pk).exists():
            controller.version += 1
        controller.save()
        for built in registers:
            _save_register(built)
        save_record(record)


def _slugs(registers: list[_Built]) -> set[str]:
    return {built.register.slug for built in registers}
