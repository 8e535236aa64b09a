"""Export: a register or a whole organisation as the JSON format's dicts."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import models

from registers import review
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
VERSION = 3

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
_NOT_EXPORTED = frozenset(
    {"id", "register", "position", "version", "created_at", "updated_at", "interview_step"}
)


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
    listed = {name: list(getattr(register, name).order_by("position", "pk")) for name in ROWS}
    # Rows point into the lists of recipients and categories by index; purposes come before
    # the categories they name, so every index is known first.
    index = {
        name: {row.pk: position for position, row in enumerate(listed[name])}
        for name in ("recipients", "categories")
    }
    for name, rows in listed.items():
        data[name] = [_row_to_dict(row, index["recipients"], index["categories"]) for row in rows]
    to_review = _to_review(register, listed)
    if to_review:  # a register that could be published has none: its versions never hold the key
        data["to_review"] = to_review
    return data


def _to_review(register: Register, listed: dict[str, list[models.Model]]) -> list[dict[str, Any]]:
    """The open translations to review, each naming its text as the notice document does."""
    places = {
        (name, row.pk): (index, row)
        for name, rows in listed.items()
        for index, row in enumerate(rows)
    }
    found = []
    for (rows, row_id, field), by_language in review.marks(register).items():
        if rows:
            index, row = places.get((rows, row_id), (None, None))
            if row is None:
                continue
            path, text = f"{rows}[{index}].{field}", getattr(row, field, None)
        else:
            path, text = field, getattr(register, field, None)
        for language, mark in by_language.items():
            if isinstance(text, dict) and text.get(language):
                found.append({"field": path, "language": language, "changed": list(mark.changed)})
    return sorted(found, key=lambda item: (item["field"], LANGUAGE_CODES.index(item["language"])))


def _row_to_dict(
    row: models.Model, recipient_index: dict[int, int], category_index: dict[int, int]
) -> dict[str, Any]:
    if isinstance(row, Retention):
        covered = sorted(category_index[c.pk] for c in row.categories.all())
        return {"categories": covered, **_instance_to_dict(row)}
    if isinstance(row, Purpose):
        # Optional: a purpose that names no data leaves the key out (not answered).
        used = sorted(category_index[c.pk] for c in row.categories.all())
        return _instance_to_dict(row, **({"categories": used} if used else {}))
    if isinstance(row, Transfer):
        index = recipient_index.get(row.recipient_id) if row.recipient_id else None
        # Keep the key where the model declares it, right after the position.
        return {"recipient": index, **_instance_to_dict(row)}
    return _instance_to_dict(row)


def controller_to_dict(controller: Controller) -> dict[str, Any]:
    """The controller details as the organisation format's "controller" object."""
    return _instance_to_dict(controller)


def organisation_to_dict() -> dict[str, Any]:
    """The current schema's controller, every register and the record of processing: the backup
    of an organisation."""
    from registers.portable.record import record_to_dict

    return {
        "format": ORGANISATION_FORMAT,
        "version": VERSION,
        "controller": controller_to_dict(Controller.load()),
        "registers": [
            register_to_dict(register) for register in Register.objects.order_by("created_at", "pk")
        ],
        "record": record_to_dict(),
    }


# Import: structure -----------------------------------------------------------------------------
