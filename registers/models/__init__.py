"""The register domain, one PostgreSQL schema per organisation.

Every fact a notice states is a field here: the checker reads these fields, the notice document is
built from them, and nothing legal is left to a free-text box that the checker cannot see into.
Free text is stored per language (``TranslatedTextField``). History records name their user
without a database constraint: users live in the public schema, and a constraint per history table
and organisation would hang thousands of triggers on ``auth_user``.
"""

from __future__ import annotations

from registers.models.controller import Controller
from registers.models.publication_review import PublicationReview, ReviewPolicy, ReviewState
from registers.models.record import (
    Answer,
    DpiaTrigger,
    ProcessingRecord,
    ProcessorActivity,
    RecordSnapshot,
)
from registers.models.register import Register
from registers.models.review import TranslationReview
from registers.models.rows import (
    CategoryRow,
    Cookie,
    CookieKind,
    JointController,
    PeriodUnit,
    ProvisionRequirement,
    Purpose,
    Recipient,
    Retention,
    Row,
    Source,
    Transfer,
)
from registers.models.short import ShortNoticeOutput
from registers.models.versions import Version, VersionOutput

__all__ = [
    "Answer",
    "CategoryRow",
    "Controller",
    "Cookie",
    "CookieKind",
    "DpiaTrigger",
    "JointController",
    "PeriodUnit",
    "ProcessingRecord",
    "ProcessorActivity",
    "ProvisionRequirement",
    "PublicationReview",
    "Purpose",
    "Recipient",
    "RecordSnapshot",
    "Register",
    "Retention",
    "ReviewPolicy",
    "ReviewState",
    "Row",
    "ShortNoticeOutput",
    "Source",
    "Transfer",
    "TranslationReview",
    "Version",
    "VersionOutput",
]
