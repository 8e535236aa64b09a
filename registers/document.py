"""A register as one notice document: ordered sections of blocks, worded in one language.

Every output (the hosted page, the PDF, the embed, the JSON) writes this one document and adds
nothing of its own, and every block and item names the field it came from (``source``, such as
``"purposes[0].basis"``), so a sentence in any output leads back to its field in one hop.

This module decides what is said, in which order and from which field. The wording itself lives
in the small templates of ``templates/notices/text/`` and the translation catalogs; they are
rendered here under ``translation.override(language)`` and stored in the blocks as plain text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from django.conf import settings
from django.template import Context, Engine
from django.utils import translation

from registers.models import Controller, ProvisionRequirement, Register
from registers.translated import translation as text_in
from registers.vocabulary import (
    DataCategory,
    DataSubjectGroup,
    LegalBasis,
    RecipientType,
    Right,
    SpecialCondition,
    TransferMechanism,
    country_name,
    is_eea,
    rights_for,
)

PARAGRAPH = "paragraph"
LIST = "list"
DEFINITIONS = "definitions"
TABLE = "table"

# The order Finnish readers know from the old "rekisteriseloste" (see LEGAL.md).
SECTION_ORDER = (
    "controller",
    "contact",
    "register",
    "purposes",
    "data",
    "sources",
    "recipients",
    "transfers",
    "retention",
    "protection",
    "rights",
    "cookies",
    "automated",
    "dates",
)

# Plain text, escaped by each writer for its own format; hence no autoescaping here.
_TEXT = Engine(
    dirs=[str(settings.BASE_DIR / "templates")],
    libraries={"i18n": "django.templatetags.i18n"},
    autoescape=False,
)


@dataclass(frozen=True)
class Item:
    """One entry of a list, a definition list or a table row; ``term`` only in definition lists."""

    text: str
    source: str
    term: str = ""


@dataclass(frozen=True)
class Block:
    kind: str
    source: str
    text: str = ""
    items: tuple[Item, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[Item, ...], ...] = ()
    # Art. 21(4): the right to object is brought to attention apart from everything else.
    emphasis: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class NoticeDocument:
    language: str
    languages: tuple[str, ...]
    slug: str
    title: str
    controller: str
    heading: str
    sections: tuple[Section, ...]
    effective_date: str = ""
    updated: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NoticeDocument:
        sections = tuple(
            Section(
                key=s["key"],
                heading=s["heading"],
                blocks=tuple(_block_from_dict(b) for b in s["blocks"]),
            )
            for s in data["sections"]
        )
        scalars = {k: v for k, v in data.items() if k not in {"sections", "languages"}}
        return cls(**scalars, languages=tuple(data["languages"]), sections=sections)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def lines(self, key: str) -> list[str]:
        """The section's text, one line per paragraph, item or table row (for comparisons)."""
        section = self.section(key)
        return [line for block in section.blocks for line in block_lines(block)] if section else []

    def text(self) -> str:
        return "\n".join("\n".join([s.heading, *self.lines(s.key)]) for s in self.sections)


def _block_from_dict(data: dict[str, Any]) -> Block:
    return Block(
        kind=data["kind"],
        source=data["source"],
        text=data.get("text", ""),
        items=tuple(Item(**i) for i in data.get("items", ())),
        header=tuple(data.get("header", ())),
        rows=tuple(tuple(Item(**c) for c in row) for row in data.get("rows", ())),
        emphasis=data.get("emphasis", False),
    )


def block_lines(block: Block) -> list[str]:
    if block.kind == PARAGRAPH:
        return [block.text]
    if block.kind == TABLE:
        return [" | ".join(cell.text for cell in row) for row in block.rows]
    return [f"{i.term}: {i.text}" if i.term else i.text for i in block.items]


def say(template: str, /, **context: Any) -> str:
    """Render ``notices/text/<name>.txt`` in the active language, as one line of plain text."""
    rendered = _TEXT.get_template(f"notices/text/{template}.txt").render(
        Context(context, autoescape=False)
    )
    return " ".join(rendered.split())


def paragraph(text: str, source: str, *, emphasis: bool = False) -> Block:
    return Block(kind=PARAGRAPH, source=source, text=text, emphasis=emphasis)


def bullets(items: Iterable[Item], source: str) -> Block:
    return Block(kind=LIST, source=source, items=tuple(items))


def definitions(items: Iterable[Item], source: str) -> Block:
    return Block(kind=DEFINITIONS, source=source, items=tuple(i for i in items if i.text))


def table(header: Sequence[str], rows: Iterable[Sequence[Item]], source: str) -> Block:
    return Block(kind=TABLE, source=source, header=tuple(header), rows=tuple(map(tuple, rows)))


def term(key: str, text: str, source: str) -> Item:
    return Item(term=say("label", key=key), text=text, source=source)


def long_date(value: datetime.date, language: str) -> str:
    return format_date(value, format="long", locale=language)


def spoken_list(items: Sequence[str], language: str) -> str:
    return format_list(list(items), locale=language) if items else ""


def lower_first(text: str) -> str:
    # Only a capital followed by a small letter: "Newsletter" -> "newsletter", "EU" stays.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def build_document(
    register: Register,
    controller: Controller,
    language: str,
    *,
    effective_date: datetime.date | None = None,
    updated: datetime.date | None = None,
) -> NoticeDocument:
    """The notice of ``register`` in ``language``; the dates default to the register's own."""
    with translation.override(language):
        builder = _Builder(register, controller, language)
        effective = effective_date or register.effective_date
        sections = builder.sections(effective, updated)
        return NoticeDocument(
            language=language,
            languages=tuple(register.languages),
            slug=register.slug,
            title=text_in(register.name, language) or register.title(language),
            controller=controller.legal_name,
            heading=say("label", key="notice"),
            sections=sections,
            effective_date=long_date(effective, language) if effective else "",
            updated=long_date(updated, language) if updated else "",
        )


class _Builder:
    """The sections of one notice; each method returns the blocks of one section."""

    def __init__(self, register: Register, controller: Controller, language: str) -> None:
        self.register = register
        self.controller = controller
        self.language = language
        self.purposes = list(register.purposes.all())
        self.categories = list(register.categories.all())
        self.recipients = list(register.recipients.all())
        self.transfers = list(register.transfers.select_related("recipient"))
        self.cookies = list(register.cookies.all())

    def t(self, value: dict[str, str] | None) -> str:
        return text_in(value, self.language)

    def sections(
        self, effective: datetime.date | None, updated: datetime.date | None
    ) -> tuple[Section, ...]:
        built = []
        for key in SECTION_ORDER:
            if key == "dates":
                blocks = self.section_dates(effective, updated)
            else:
                blocks = getattr(self, f"section_{key}")()
            if blocks:
                built.append(Section(key=key, heading=say("heading", key=key), blocks=blocks))
        return tuple(built)

    def section_controller(self) -> tuple[Block, ...]:
        c = self.controller
        address = ", ".join(
            part for part in (c.street_address, f"{c.postal_code} {c.city}".strip()) if part
        )
        if c.country and c.country != "FI":
            address = ", ".join(p for p in (address, country_name(c.country, self.language)) if p)
        blocks = [
            definitions(
                [
                    term("name", c.legal_name, "controller.legal_name"),
                    term("business_id", c.business_id, "controller.business_id"),
                    term("address", address, "controller.street_address"),
                    term("email", c.email, "controller.email"),
                    term("phone", c.phone, "controller.phone"),
                    term("website", c.website, "controller.website"),
                ],
                "controller",
            )
        ]
        blocks += self._joint_controllers()
        if c.has_representative:
            rep = ", ".join(
                p
                for p in (c.representative_name, c.representative_address, c.representative_email)
                if p
            )
            blocks.append(
                definitions(
                    [term("representative", rep, "controller.representative_name")],
                    "controller.representative_name",
                )
            )
        return tuple(blocks)

    def _joint_controllers(self) -> list[Block]:
        rows = list(self.register.joint_controllers.all())
        if not rows:
            return []
        items = [
            Item(
                text=say(
                    "joint_controller", name=j.name, contact=j.contact, essence=self.t(j.essence)
                ),
                source=f"joint_controllers[{i}]",
            )
            for i, j in enumerate(rows)
        ]
        return [
            paragraph(say("statement", key="joint_controllers"), "joint_controllers"),
            bullets(items, "joint_controllers"),
        ]

    def section_contact(self) -> tuple[Block, ...]:
        c = self.controller
        blocks = [
            definitions(
                [
                    term("name", c.contact_name, "controller.contact_name"),
                    term("email", c.contact_email, "controller.contact_email"),
                    term("phone", c.contact_phone, "controller.contact_phone"),
                ],
                "controller.contact_name",
            )
        ]
        if c.has_dpo:
            dpo = ", ".join(p for p in (c.dpo_name, c.dpo_email, c.dpo_phone) if p)
            blocks.append(
                definitions([term("dpo", dpo, "controller.dpo_name")], "controller.dpo_name")
            )
        return tuple(b for b in blocks if b.items)

    def section_register(self) -> tuple[Block, ...]:
        r = self.register
        blocks = [paragraph(self.t(r.name) or r.title(self.language), "name")]
        if self.t(r.introduction):
            blocks.append(paragraph(self.t(r.introduction), "introduction"))
        labels = [str(DataSubjectGroup(g).label) for g in r.subject_groups]
        # Labels after the first lose their capital mid-sentence ("Customers and subscribers").
        groups = labels[:1] + [lower_first(label) for label in labels[1:]]
        if self.t(r.other_subject_groups):
            groups.append(self.t(r.other_subject_groups))
        if groups:
            text = spoken_list(groups, self.language)
            blocks.append(definitions([term("subjects", text, "subject_groups")], "subject_groups"))
        if r.consent_age:
            age = say("statement", key="consent_age", age=r.consent_age)
            blocks.append(paragraph(age, "consent_age"))
        return tuple(blocks)

    def section_purposes(self) -> tuple[Block, ...]:
        blocks = []
        for i, p in enumerate(self.purposes):
            at = f"purposes[{i}]"
            items = [
                term("purpose", self.t(p.description), f"{at}.description"),
                term("basis", say("basis", basis=p.basis) if p.basis else "", f"{at}.basis"),
                term(
                    "interest",
                    self.t(p.legitimate_interest)
                    if p.basis == LegalBasis.LEGITIMATE_INTERESTS
                    else "",
                    f"{at}.legitimate_interest",
                ),
                term(
                    "requirement",
                    self._requirement(p.requirement, self.t(p.consequence)),
                    f"{at}.requirement",
                ),
            ]
            if p.is_direct_marketing:
                items.append(
                    term(
                        "direct_marketing",
                        say("statement", key="direct_marketing"),
                        f"{at}.is_direct_marketing",
                    )
                )
            blocks.append(definitions(items, at))
        return tuple(blocks)

    def _requirement(self, requirement: str, consequence: str) -> str:
        if requirement == ProvisionRequirement.VOLUNTARY and not consequence:
            return say("requirement", requirement=requirement)
        return say("requirement", requirement=requirement, consequence=consequence)

    def section_data(self) -> tuple[Block, ...]:
        items = []
        for i, row in enumerate(self.categories):
            name = (
                str(DataCategory(row.category).label) if row.category else self.t(row.custom_name)
            )
            condition = ""
            if row.is_special and row.special_condition:
                condition = str(SpecialCondition(row.special_condition).label)
            text = say("category", name=name, details=self.t(row.details), condition=condition)
            items.append(Item(text=text, source=f"categories[{i}]"))
        blocks = [bullets(items, "categories")] if items else []
        need = self.t(self.register.identity_code_need)
        if need:
            blocks.append(
                definitions(
                    [term("identity_code", need, "identity_code_need")], "identity_code_need"
                )
            )
        return tuple(blocks)

    def section_sources(self) -> tuple[Block, ...]:
        key = "from_subject" if self.register.collected_from_subject else "not_from_subject"
        blocks = [paragraph(say("statement", key=key), "collected_from_subject")]
        items = [
            Item(
                text=say("source", description=self.t(s.description), public=s.publicly_available),
                source=f"sources[{i}]",
            )
            for i, s in enumerate(self.register.sources.all())
        ]
        if items:
            blocks.append(paragraph(say("statement", key="other_sources"), "sources"))
            blocks.append(bullets(items, "sources"))
        return tuple(blocks)

    def section_recipients(self) -> tuple[Block, ...]:
        if not self.recipients:
            return (paragraph(say("statement", key="no_recipients"), "recipients"),)
        header = [say("label", key=k) for k in ("recipient", "role", "country")]
        rows = []
        for i, r in enumerate(self.recipients):
            at = f"recipients[{i}]"
            who = say("recipient", name=r.name, description=self.t(r.description))
            rows.append(
                (
                    Item(text=who, source=f"{at}.description"),
                    Item(
                        text=str(RecipientType(r.recipient_type).label) if r.recipient_type else "",
                        source=f"{at}.recipient_type",
                    ),
                    Item(text=country_name(r.country, self.language), source=f"{at}.country"),
                )
            )
        return (table(header, rows, "recipients"),)

    def section_transfers(self) -> tuple[Block, ...]:
        if not self.transfers:
            return (paragraph(say("statement", key="no_transfers"), "transfers"),)
        blocks = [paragraph(say("statement", key="transfers"), "transfers")]
        for i, t in enumerate(self.transfers):
            at = f"transfers[{i}]"
            mechanism = str(TransferMechanism(t.mechanism).label) if t.mechanism else ""
            recipient = t.recipient.name or self.t(t.recipient.description) if t.recipient else ""
            items = [
                term("recipient", recipient, f"{at}.recipient"),
                term("country", country_name(t.country, self.language), f"{at}.country"),
                term("transferred", self.t(t.description), f"{at}.description"),
                term("mechanism", mechanism, f"{at}.mechanism"),
                term("copy", self.t(t.copy_available), f"{at}.copy_available"),
            ]
            blocks.append(definitions(items, at))
        return tuple(blocks)

    def section_retention(self) -> tuple[Block, ...]:
        items = []
        for i, r in enumerate(self.register.retention.all()):
            period = say("period", count=r.period, unit=r.unit) if r.period and r.unit else ""
            text = say("retention", period=period, criteria=self.t(r.criteria))
            items.append(Item(term=self.t(r.applies_to), text=text, source=f"retention[{i}]"))
        return (definitions(items, "retention"),) if items else ()

    def section_protection(self) -> tuple[Block, ...]:
        security = self.t(self.register.security)
        return (paragraph(security, "security"),) if security else ()

    def section_rights(self) -> tuple[Block, ...]:
        r = self.register
        rights = rights_in(r, self.purposes, self.categories)
        items = [
            Item(
                term=say("right", right=right, part="name"),
                text=say(
                    "right",
                    right=right,
                    part="description",
                    authority=say("authority", part="name"),
                ),
                source="purposes.basis",
            )
            for right in rights
            if right != Right.OBJECTION
        ]
        # Art. 21(4): the right to object comes first, apart from the others and emphasised.
        blocks = [paragraph(say("statement", key="rights"), "purposes")]
        blocks += self._objection(rights)
        blocks.append(definitions(items, "purposes"))
        blocks.append(definitions(authority_items(), "rights.A77"))
        blocks += self._exercise()
        return tuple(blocks)

    def _objection(self, rights: list[Right]) -> list[Block]:
        """Art. 21(4): the right to object, explicitly and apart from the other rights."""
        if Right.OBJECTION not in rights:
            return []
        bases = {p.basis for p in self.purposes}
        general = bool(bases & {LegalBasis.PUBLIC_TASK, LegalBasis.LEGITIMATE_INTERESTS})
        marketing = any(p.is_direct_marketing for p in self.purposes)
        text = say("objection", general=general, marketing=marketing)
        return [paragraph(text, "rights.A21", emphasis=True)]

    def _exercise(self) -> list[Block]:
        r = self.register
        blocks = []
        if self.t(r.rights_channel):
            blocks.append(paragraph(self.t(r.rights_channel), "rights_channel"))
        email = r.rights_email or self.controller.contact_email or self.controller.email
        text = say("exercise", email=email, days=r.response_days)
        blocks.append(paragraph(text, "rights_email"))
        return blocks

    def section_cookies(self) -> tuple[Block, ...]:
        if not self.cookies:
            return ()
        keys = ("cookie", "provider", "kind", "purpose", "duration", "country")
        rows = []
        for i, c in enumerate(self.cookies):
            at = f"cookies[{i}]"
            country = country_name(c.country, self.language)
            if not is_eea(c.country) and c.mechanism:
                country = say(
                    "cookie_country",
                    country=country,
                    mechanism=str(TransferMechanism(c.mechanism).label),
                )
            rows.append(
                (
                    Item(text=c.name, source=f"{at}.name"),
                    Item(text=c.provider, source=f"{at}.provider"),
                    Item(text=str(c.get_kind_display()), source=f"{at}.kind"),
                    Item(text=self.t(c.purpose), source=f"{at}.purpose"),
                    Item(text=self.t(c.duration), source=f"{at}.duration"),
                    Item(text=country, source=f"{at}.country"),
                )
            )
        return (table([say("label", key=k) for k in keys], rows, "cookies"),)

    def section_automated(self) -> tuple[Block, ...]:
        r = self.register
        if not r.has_automated_decisions:
            return (paragraph(say("statement", key="no_automated"), "has_automated_decisions"),)
        items = [
            term("logic", self.t(r.automated_logic), "automated_logic"),
            term("consequences", self.t(r.automated_consequences), "automated_consequences"),
        ]
        return (
            paragraph(say("statement", key="automated"), "has_automated_decisions"),
            definitions(items, "automated_logic"),
        )

    def section_dates(
        self, effective: datetime.date | None, updated: datetime.date | None
    ) -> tuple[Block, ...]:
        items = [
            term(
                "effective_date",
                long_date(effective, self.language) if effective else "",
                "effective_date",
            ),
            term(
                "updated",
                long_date(updated, self.language) if updated else "",
                "version.published_at",
            ),
        ]
        if not updated:
            items.append(term("status", say("statement", key="draft"), "version"))
        return (definitions(items, "effective_date"),)


def authority_items() -> list[Item]:
    """The supervisory authority's contact details (Art. 13(2)(d)), named in the active language."""
    parts = ("name", "visiting", "postal", "phone", "email", "web")
    return [
        Item(
            term=say("authority", part=f"{part}_label"),
            text=say("authority", part=part),
            source="rights.A77",
        )
        for part in parts
    ]


def rights_in(
    register: Register, purposes: Sequence[Any], categories: Sequence[Any]
) -> list[Right]:
    """The rights this register's notice states, derived from its legal bases."""
    bases = [p.basis for p in purposes if p.basis]
    bases += [c.special_condition for c in categories if c.is_special and c.special_condition]
    marketing = any(p.is_direct_marketing for p in purposes)
    rights = rights_for(bases, direct_marketing=marketing)
    if not register.has_automated_decisions:
        # Art. 22 guards against decisions the register does not make; the notice says "none".
        rights = [r for r in rights if r != Right.AUTOMATED_DECISIONS]
    return rights
