"""Export: a register or a whole organisation as the JSON format's dicts."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import models

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
_NOT_EXPORTED = frozenset({"id", "register", "position", "version", "created_at", "updated_at"})


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
    index: dict[str, dict[int, int]] = {"recipients": {}, "categories": {}}
    for name in ROWS:
        rows = list(getattr(register, name).order_by("position", "pk"))
        if name in index:
            index[name] = {row.pk: position for position, row in enumerate(rows)}
        data[name] = [_row_to_dict(row, index["recipients"], index["categories"]) for row in rows]
    return data


def _row_to_dict(
    row: models.Model, recipient_index: dict[int, int], category_index: dict[int, int]
) -> dict[str, Any]:
    if isinstance(row, Retention):
        covered = sorted(category_index[c.pk] for c in row.categories.all())
        return {"categories": covered, **_instance_to_dict(row)}
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
