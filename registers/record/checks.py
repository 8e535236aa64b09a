"""The checker's sibling for the record: what Art. 30 and the accountability articles ask of it.

The record is never published, so nothing here blocks publishing; errors are what an authority
asking for the record (Art. 30(4)) would find missing, warnings what it would ask about.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from registers.models import Answer, ProcessingRecord, ProcessorActivity, Register

ERROR, WARNING = "error", "warning"
# Art. 49(1): the derogations, whose use the record should explain (EDPB Guidelines 2/2018).
DEROGATIONS = frozenset(
    {"A49-1-a", "A49-1-b", "A49-1-c", "A49-1-d", "A49-1-e", "A49-1-f", "A49-1-g"}
)
REVIEW_AFTER = datetime.timedelta(days=366)


@dataclass(frozen=True)
class RecordFinding:
    code: str
    severity: str
    article: str
    message: str
    url: str


def check_record() -> list[RecordFinding]:
    records = {r.register_id: r for r in ProcessingRecord.objects.all()}
    findings: list[RecordFinding] = []
    registers = Register.objects.prefetch_related("retention", "transfers", "categories")
    for register in registers.order_by("slug"):
        findings += activity_findings(register, records.get(register.pk))
    for activity in ProcessorActivity.objects.all():
        if not activity.security.strip():
            findings.append(
                RecordFinding(
                    "REC-PROCESSOR-SECURITY",
                    WARNING,
                    "GDPR 30(2)(d)",
                    _("Describe the security measures of the processing for %(controller)s.")
                    % {"controller": activity.controller_name},
                    reverse("record_processor"),
                )
            )
    return findings


def activity_findings(register: Register, record: ProcessingRecord | None) -> list[RecordFinding]:
    name = register.title()
    edit = reverse("record_edit", kwargs={"slug": register.slug})
    found = []

    def add(code: str, severity: str, article: str, message: str, url: str = edit) -> None:
        found.append(RecordFinding(code, severity, article, message % {"name": name}, url))

    section = reverse("register_edit", kwargs={"slug": register.slug, "section": "retention"})
    if not register.security or not any(t.strip() for t in register.security.values()):
        add(
            "REC-SECURITY",
            WARNING,
            "GDPR 30(1)(g), 32(1)",
            _("%(name)s: describe the technical and organisational security measures."),
            reverse("register_edit", kwargs={"slug": register.slug, "section": "security"}),
        )
    if not register.retention.all():
        add(
            "REC-ERASURE",
            WARNING,
            "GDPR 30(1)(f)",
            _("%(name)s: give the time limits for erasing the data."),
            section,
        )
    safeguards = record.transfer_safeguards.strip() if record else ""
    if not safeguards and any(t.mechanism in DEROGATIONS for t in register.transfers.all()):
        add(
            "REC-TRANSFER-DOCUMENTED",
            WARNING,
            "GDPR 30(1)(e), 49(1)",
            _(
                "%(name)s: a transfer relies on an Art. 49 derogation; document why it applies "
                "and which safeguards there are."
            ),
        )
    for code, severity, article, message in dpia_findings(record):
        add(code, severity, article, message)
    if record and record.reviewed_on and timezone.localdate() - record.reviewed_on > REVIEW_AFTER:
        add(
            "REC-REVIEW",
            WARNING,
            "GDPR 24(1)",
            _("%(name)s: the record was last reviewed over a year ago."),
        )
    return found


def dpia_findings(record: ProcessingRecord | None) -> list[tuple[str, str, str, str]]:
    if record is None or not record.dpia_required:
        message = _("%(name)s: say whether an impact assessment is required.")
        return [("REC-DPIA-UNANSWERED", WARNING, "GDPR 35(1)", message)]
    if record.dpia_triggers and record.dpia_required != Answer.YES:
        message = _("%(name)s: the processing ticked requires an impact assessment.")
        return [("REC-DPIA-REQUIRED", ERROR, "GDPR 35(3), 35(4)", message)]
    if record.dpia_required == Answer.YES and not record.dpia_date:
        message = _(
            "%(name)s: give the date of the impact assessment (it must be made before the "
            "processing starts)."
        )
        return [("REC-DPIA-DATE", WARNING, "GDPR 35(1)", message)]
    return []
