"""The JSON format of a register and of a whole organisation: export, backup and fixtures.

A register is one JSON object with ``"format": "seloste.register"`` and ``"version": 2``; an
organisation wraps its controller and all its registers (``"format": "seloste.organisation"``).
Every model field is a key, except ids, version counters and timestamps; rows are lists in their
order; a transfer names its recipient by index into ``recipients``; free text is
``{"fi": ..., "en": ..., "sv": ...}``; closed lists use their vocabulary identifiers. The field list
comes from the models themselves, so a new model field is a new key (and the JSON Schema in
docs/json-schema/ must follow; a test compares them).

Import is all or nothing: every problem is collected with its JSON path, and nothing is written
unless there is none. Version 1 files are still read: the answers they lack are "not answered",
never a default. The format admits drafts (a purpose without its legal basis), because the
checker, not the importer, decides whether a register is complete enough to publish.
"""

from __future__ import annotations

from registers.portable.export import (
    ORGANISATION_FORMAT,
    REGISTER_FORMAT,
    ROWS,
    VERSION,
    controller_to_dict,
    exported_fields,
    organisation_to_dict,
    register_to_dict,
)
from registers.portable.keys import Problem
from registers.portable.load import (
    ImportErrors,
    controller_from_dict,
    organisation_from_dict,
    register_from_dict,
)

__all__ = [
    "ORGANISATION_FORMAT",
    "REGISTER_FORMAT",
    "ROWS",
    "VERSION",
    "ImportErrors",
    "Problem",
    "controller_from_dict",
    "controller_to_dict",
    "exported_fields",
    "organisation_from_dict",
    "organisation_to_dict",
    "register_from_dict",
    "register_to_dict",
]
