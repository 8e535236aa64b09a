"""The summary layer: what a reader needs first, built from the same answers as the notice.

WP260 rev.01 (layered notices): who we are, what the data is for, anything the reader would not
expect (transfers outside the EU/EEA, special categories, automated decisions, sources other than
the person), the right to object where it exists (Art. 21(4)) and how to use the rights. Each
block is said only when the register says it; an unanswered question adds nothing here either.
"""

from __future__ import annotations

from registers.document.blocks import Block, Item, bullets, lower_first, paragraph, say
from registers.document.entered import Entered
from registers.document.rights import rights_in
from registers.locales import spoken_list
from registers.vocabulary import DataCategory, LegalBasis, Right, country_name


def section_summary(e: Entered) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if e.controller.legal_name:
        who = say("summary", key="who", controller=e.controller.legal_name)
        blocks.append(paragraph(who, "controller.legal_name"))
    blocks += _purposes(e)
    blocks += [b for b in (_transfers(e), _special(e), _automated(e), _sources(e)) if b]
    blocks += _objection(e)
    blocks += _rights(e)
    return tuple(blocks)


def _purposes(e: Entered) -> list[Block]:
    items = [
        Item(text=e.t(p.description), source=f"purposes[{i}].description")
        for i, p in enumerate(e.purposes)
        if e.t(p.description)
    ]
    if not items:
        return []
    return [paragraph(say("summary", key="purposes"), "purposes"), bullets(items, "purposes")]


def _transfers(e: Entered) -> Block | None:
    if not e.register.has_transfers or not e.transfers:
        return None
    codes = dict.fromkeys(t.country for t in e.transfers if t.country)
    countries = spoken_list([country_name(c, e.language) for c in codes], e.language)
    return paragraph(say("summary", key="transfers", countries=countries), "transfers")


def _special(e: Entered) -> Block | None:
    names = [
        lower_first(str(DataCategory(row.category).label)) if row.category else e.t(row.custom_name)
        for row in e.categories
        if row.special
    ]
    names = [name for name in names if name]
    if not names:
        return None
    text = say("summary", key="special", names=spoken_list(names, e.language))
    return paragraph(text, "categories")


def _automated(e: Entered) -> Block | None:
    if not e.register.has_automated_decisions:
        return None
    return paragraph(say("summary", key="automated"), "has_automated_decisions")


def _sources(e: Entered) -> Block | None:
    if not e.register.sources.exists():
        return None
    # "Also" only when the person was asked too; unanswered, the source alone is said.
    key = "also_sources" if e.register.collected_from_subject else "sources"
    return paragraph(say("summary", key=key), "sources")


def _objection(e: Entered) -> list[Block]:
    if Right.OBJECTION not in rights_in(e.register, e.purposes, e.categories):
        return []
    bases = {p.basis for p in e.purposes}
    text = say(
        "summary",
        key="objection",
        interest=LegalBasis.LEGITIMATE_INTERESTS in bases,
        public=LegalBasis.PUBLIC_TASK in bases,
        marketing=any(p.is_direct_marketing for p in e.purposes),
    )
    return [paragraph(text, "rights.A21", emphasis=True)]


def _rights(e: Entered) -> list[Block]:
    heading = say("heading", key="rights")
    blocks = []
    if e.register.rights_email:
        text = say("summary", key="email", email=e.register.rights_email)
        blocks.append(paragraph(text, "rights_email"))
    blocks.append(paragraph(say("summary", key="rights", heading=heading), "rights"))
    return blocks
