"""The record of processing activities as rows of text, in one language, from the registers.

One row per register: a register is one processing activity of the controller's record
(Art. 30(1)). The columns follow Art. 30(1) in its order, then the internal facts a notice never
states; processing on behalf of others has its own columns (Art. 30(2)). The record is plain data,
so that every writer (XLSX, CSV, PDF) and every snapshot shows the same words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.locales import long_date
from registers.models import (
    Controller,
    DpiaTrigger,
    ProcessingRecord,
    ProcessorActivity,
    Register,
)
from registers.vocabulary import (
    DataCategory,
    DataSubjectGroup,
    LegalBasis,
    RecipientType,
    TransferMechanism,
    country_name,
)

ACTIVITY_COLUMNS = (
    ("activity", gettext_lazy("Processing activity")),
    ("purposes", gettext_lazy("Purposes of the processing (Art. 30(1)(b))")),
    ("subjects", gettext_lazy("Categories of data subjects (Art. 30(1)(c))")),
    ("data", gettext_lazy("Categories of personal data (Art. 30(1)(c))")),
    ("recipients", gettext_lazy("Categories of recipients (Art. 30(1)(d))")),
    ("transfers", gettext_lazy("Transfers to third countries (Art. 30(1)(e))")),
    ("erasure", gettext_lazy("Time limits for erasure (Art. 30(1)(f))")),
    ("security", gettext_lazy("Technical and organisational security measures (Art. 30(1)(g))")),
    ("joint", gettext_lazy("Joint controllers (Art. 30(1)(a))")),
    ("system", gettext_lazy("Systems and applications used (internal)")),
    ("owner", gettext_lazy("Person responsible (internal)")),
    ("dpia", gettext_lazy("Impact assessment, Art. 35 (internal)")),
    ("reviewed", gettext_lazy("Last reviewed (internal)")),
    ("notes", gettext_lazy("Notes (internal)")),
)
PROCESSOR_COLUMNS = (
    ("controller", gettext_lazy("Controller and its contact details (Art. 30(2)(a))")),
    (
        "representative",
        gettext_lazy("Its representative or data protection officer (Art. 30(2)(a))"),
    ),
    ("processing", gettext_lazy("Categories of processing (Art. 30(2)(b))")),
    ("transfers", gettext_lazy("Transfers to third countries (Art. 30(2)(c))")),
    ("security", gettext_lazy("Technical and organisational security measures (Art. 30(2)(d))")),
)
LINES = "\n"


def record_data(language: str) -> dict[str, Any]:
    """The whole record of this schema's organisation, worded in ``language``."""
    controller = Controller.load()
    registers = Register.objects.prefetch_related(
        "purposes",
        "categories",
        "recipients",
        "transfers__recipient",
        "retention__categories",
        "joint_controllers",
    ).order_by("slug")
    records = {r.register_id: r for r in ProcessingRecord.objects.all()}
    return {
        "language": language,
        "made": long_date(timezone.localdate(), language),
        "controller": controller_rows(controller),
        "activity_columns": [str(heading) for _key, heading in ACTIVITY_COLUMNS],
        "activities": [activity_row(r, records.get(r.pk), language) for r in registers],
        "processor_columns": [str(heading) for _key, heading in PROCESSOR_COLUMNS],
        "processor": [processor_row(a) for a in ProcessorActivity.objects.all()],
    }


def joined(parts: Iterable[str], separator: str = ", ") -> str:
    return separator.join(part for part in parts if part)


def controller_rows(c: Controller) -> list[list[str]]:
    """(label, value) pairs of Art. 30(1)(a): the controller, its representative and DPO."""
    address = joined([c.street_address, joined([c.postal_code, c.city], " ")])
    rows = [
        [_("Controller"), joined([c.legal_name, c.business_id])],
        [_("Contact details"), joined([address, c.email, c.phone])],
        [_("Contact person"), joined([c.contact_name, c.contact_email, c.contact_phone])],
    ]
    if c.has_representative:
        rep = joined([c.representative_name, c.representative_address, c.representative_email])
        rows.append([_("Representative in the EU"), rep])
    if c.has_dpo:
        rows.append([_("Data protection officer"), joined([c.dpo_name, c.dpo_email, c.dpo_phone])])
    return [row for row in rows if row[1]]


def text_of(value: dict[str, str] | None, language: str, languages: Sequence[str]) -> str:
    """Free text in ``language``, or in the register's first language that has it."""
    value = value or {}
    for code in (language, *languages):
        if value.get(code, "").strip():
            return value[code].strip()
    return ""


def activity_row(register: Register, record: ProcessingRecord | None, language: str) -> list[str]:
    def t(value: dict[str, str] | None) -> str:
        return text_of(value, language, register.languages)

    columns = {
        "activity": register.title(language),
        "purposes": LINES.join(
            joined([t(p.description), f"({LegalBasis(p.basis).label})" if p.basis else ""], " ")
            for p in register.purposes.all()
        ),
        "subjects": joined(
            [
                *(str(DataSubjectGroup(g).label) for g in register.subject_groups),
                t(register.other_subject_groups),
            ]
        ),
        "data": LINES.join(category_text(c, t) for c in register.categories.all()),
        "recipients": LINES.join(recipient_text(r, t, language) for r in register.recipients.all()),
        "transfers": transfers_text(register, record, t, language),
        "erasure": LINES.join(erasure_text(r, t) for r in register.retention.all()),
        "security": t(register.security),
        "joint": LINES.join(
            joined([j.name, j.contact, t(j.essence)]) for j in register.joint_controllers.all()
        ),
        **internal_columns(record, language),
    }
    return [columns[key] for key, _heading in ACTIVITY_COLUMNS]


def category_text(category: Any, t: Any) -> str:
    name = category_name(category, t)
    mark = _("special category") if category.special else ""
    return joined([name, t(category.details), mark], " – ")


def erasure_text(rule: Any, t: Any) -> str:
    """A retention rule as the record states it: the data it covers, then the time limit."""
    names = [category_name(c, t) for c in rule.categories.all()]
    if rule.all_other_data:
        names.append(_("all other data"))
    limit = joined([period_text(rule), t(rule.end_event), t(rule.criteria)], "; ")
    return joined([joined([t(rule.applies_to), joined(names)], " – "), limit], ": ")


def category_name(category: Any, t: Any) -> str:
    if category.category:
        return str(DataCategory(category.category).label)
    return str(t(category.custom_name))


def recipient_text(recipient: Any, t: Any, language: str) -> str:
    role = str(RecipientType(recipient.recipient_type).label) if recipient.recipient_type else ""
    who = joined([recipient.name, t(recipient.description)])
    where = country_name(recipient.country, language) if recipient.country else ""
    return joined([who, role, where], " – ")


def transfers_text(
    register: Register, record: ProcessingRecord | None, t: Any, language: str
) -> str:
    lines = []
    for transfer in register.transfers.all():
        recipient = (
            transfer.recipient.name or t(transfer.recipient.description)
            if transfer.recipient
            else ""
        )
        mechanism = str(TransferMechanism(transfer.mechanism).label) if transfer.mechanism else ""
        where = country_name(transfer.country, language) if transfer.country else ""
        if transfer.country_unknown and not transfer.country:
            where = _("country not known, or several countries")
        lines.append(joined([where, recipient, mechanism], " – "))
    if record is not None and record.transfer_safeguards.strip():
        lines.append(
            _("Documented safeguards: %(text)s") % {"text": record.transfer_safeguards.strip()}
        )
    return LINES.join(lines)


def period_text(rule: Any) -> str:
    if not (rule.period and rule.unit):
        return ""
    return f"{rule.period} {rule.get_unit_display()}"


def internal_columns(record: ProcessingRecord | None, language: str) -> dict[str, str]:
    if record is None:
        return {"system": "", "owner": "", "dpia": "", "reviewed": "", "notes": ""}
    dpia = {"yes": _("Required"), "no": _("Not required"), "": ""}[record.dpia_required]
    if record.dpia_date:
        dpia = joined(
            [
                dpia,
                _("made on %(date)s") % {"date": long_date(record.dpia_date, language)},
            ]
        )
    triggers = [str(DpiaTrigger(code).label) for code in record.dpia_triggers]
    return {
        "system": record.system,
        "owner": record.internal_owner,
        "dpia": LINES.join([dpia, *triggers]).strip(),
        "reviewed": long_date(record.reviewed_on, language) if record.reviewed_on else "",
        "notes": record.notes,
    }


def processor_row(activity: ProcessorActivity) -> list[str]:
    columns = {
        "controller": joined([activity.controller_name, activity.controller_contact], LINES),
        "representative": activity.controller_representative,
        "processing": activity.processing,
        "transfers": activity.transfers,
        "security": activity.security,
    }
    return [columns[key] for key, _heading in PROCESSOR_COLUMNS]
