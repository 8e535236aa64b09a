"""The notice of one register in one language: each section in the order Finnish readers know."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import translation

from registers.document import (
    controller,
    cookies,
    dates,
    purposes,
    recipients,
    retention,
    rights,
    summary,
)
from registers.document.blocks import SECTION_ORDER, Block, NoticeDocument, Section, say
from registers.document.entered import Entered
from registers.models import Controller, Register
from registers.translated import translation as text_in

SECTIONS: dict[str, Callable[[Entered], tuple[Block, ...]]] = {
    "controller": controller.section_controller,
    "dpo": controller.section_dpo,
    "contact": controller.section_contact,
    "register": purposes.section_register,
    "purposes": purposes.section_purposes,
    "data": purposes.section_data,
    "sources": purposes.section_sources,
    "recipients": recipients.section_recipients,
    "transfers": recipients.section_transfers,
    "retention": retention.section_retention,
    "protection": retention.section_protection,
    "rights": rights.section_rights,
    "cookies": cookies.section_cookies,
    "automated": rights.section_automated,
}


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
        entered = Entered(register, controller, language)
        effective = effective_date or register.effective_date
        return NoticeDocument(
            language=language,
            languages=tuple(register.languages),
            slug=register.slug,
            title=text_in(register.name, language) or register.title(language),
            controller=controller.legal_name,
            heading=say("label", key="notice"),
            sections=_sections(entered),
            summary=_summary(entered),
            effective_date=dates.shown(effective, language),
            updated=dates.shown(updated, language),
        )


def _sections(entered: Entered) -> tuple[Section, ...]:
    built = []
    for key in SECTION_ORDER:
        blocks = SECTIONS[key](entered)
        if blocks:
            built.append(Section(key=key, heading=say("heading", key=key), blocks=blocks))
    return tuple(built)


def _summary(entered: Entered) -> Section | None:
    blocks = summary.section_summary(entered)
    return Section(key="summary", heading=say("heading", key="summary"), blocks=blocks)
