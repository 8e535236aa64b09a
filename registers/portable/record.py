"""The record of processing in the organisation format: its internal facts, backed up and restored.

The record's public facts come from the registers; what only the record holds (systems, owners,
impact assessments, notes; the processing done for other controllers) travels here, under
``"record"``. Files written before the key existed restore without a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from registers.models import ProcessingRecord, ProcessorActivity, Register
from registers.portable.export import _instance_to_dict, exported_fields
from registers.portable.keys import Problem, check_keys, join

RECORD = "record"
ACTIVITIES = "activities"  # one per register: ProcessingRecord, named by the register's address
PROCESSOR = "processor"  # Art. 30(2): ProcessorActivity rows in order


def record_to_dict() -> dict[str, Any]:
    records = ProcessingRecord.objects.select_related("register").order_by("register__slug")
    return {
        ACTIVITIES: [_instance_to_dict(r, register=r.register.slug) for r in records],
        PROCESSOR: [_instance_to_dict(row) for row in ProcessorActivity.objects.all()],
    }


@dataclass
class BuiltRecord:
    activities: list[tuple[str, ProcessingRecord]] = field(default_factory=list)
    processor: list[ProcessorActivity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _build(model: type[models.Model], data: Any, path: str, extra: list[str]) -> Any:
    from registers.portable.load import _fill, _model_problems

    instance = model()
    expected = [*extra, *(f.name for f in exported_fields(model))]
    problems = check_keys(data, expected, path)
    if isinstance(data, dict):
        filled, skipped = _fill(instance, data, path)
        problems += filled + _model_problems(instance, path, skipped | {"register"})
    return instance, problems


def build_record(data: Any, slugs: set[str]) -> BuiltRecord:
    """The record of a backup, unsaved; ``slugs`` are the addresses of the file's registers."""
    built = BuiltRecord()
    built.problems = check_keys(data, [ACTIVITIES, PROCESSOR], RECORD)
    if built.problems:
        return built
    for name in (ACTIVITIES, PROCESSOR):
        if not isinstance(data[name], list):
            built.problems.append((join(RECORD, name), _("Expected a list.")))
    if built.problems:
        return built
    for index, item in enumerate(data[ACTIVITIES]):
        path = join(join(RECORD, ACTIVITIES), index)
        row, problems = _build(ProcessingRecord, item, path, ["register"])
        slug = item.get("register") if isinstance(item, dict) else None
        if isinstance(item, dict) and slug not in slugs:
            problems.append(
                (join(path, "register"), _("No register in this file has this address."))
            )
        built.problems += problems
        built.activities.append((str(slug), row))
    for index, item in enumerate(data[PROCESSOR]):
        row, problems = _build(ProcessorActivity, item, join(join(RECORD, PROCESSOR), index), [])
        built.problems += problems
        built.processor.append(row)
    return built


def save_record(built: BuiltRecord) -> None:
    """Replace the schema's record with the backup's (the registers are saved already)."""
    for slug, row in built.activities:
        register = Register.objects.get(slug=slug)
        ProcessingRecord.objects.filter(register=register).delete()
        row.register = register
        row.save()
    if built.processor:
        ProcessorActivity.objects.all().delete()
    for position, activity in enumerate(built.processor):
        activity.position = position
        activity.save()
