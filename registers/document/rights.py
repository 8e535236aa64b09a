"""The people's rights, the supervisory authority and automated decisions.

Art. 13(2)(b)-(d) and (f), 21, 22 and 77.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from registers.document.blocks import Block, Item, definitions, paragraph, say, term
from registers.document.entered import Entered
from registers.models import Register
from registers.vocabulary import (
    LegalBasis,
    Right,
    SpecialCondition,
    rights_for,
)


def section_rights(e: Entered) -> tuple[Block, ...]:
    """How to make a request, the objection apart (Art. 21(4)), each right, the authority last."""
    rights = rights_in(e.register, e.purposes, e.categories)
    flags = _scope(e)
    shown: list[Right] = [r for r in rights if r != Right.OBJECTION]
    if flags["obligation"] and Right.ERASURE not in shown:
        # Art. 17(3)(b): where erasure does not apply, the notice says why.
        shown.insert(_erasure_place(shown), Right.ERASURE)
    items = [
        Item(
            term=say("right", right=right, part="name"),
            text=say(
                "right",
                right=right,
                part="description",
                authority=say("authority", part="name"),
                erasable=Right.ERASURE in rights,
                **flags,
            ),
            source="purposes.basis",
        )
        for right in shown
    ]
    blocks = [paragraph(say("statement", key="rights"), "purposes")]
    blocks += _exercise(e)
    blocks += _objection(e, rights)
    blocks.append(definitions(items, "purposes"))
    blocks.append(definitions(authority_items(), "rights.A77"))
    return tuple(blocks)


def _scope(e: Entered) -> dict[str, bool]:
    """Which bases the rights texts speak of: only those the register has."""
    bases = {p.basis for p in e.purposes}
    conditions = {c.special_condition for c in e.categories}
    objection = bool(bases & {LegalBasis.PUBLIC_TASK, LegalBasis.LEGITIMATE_INTERESTS})
    return {
        "consent": LegalBasis.CONSENT in bases or SpecialCondition.EXPLICIT_CONSENT in conditions,
        "contract": LegalBasis.CONTRACT in bases,
        "obligation": bool(bases & {LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK}),
        "objection": objection or any(p.is_direct_marketing for p in e.purposes),
    }


def _erasure_place(rights: list[Right]) -> int:
    order = list(Right)
    return sum(1 for r in rights if order.index(r) < order.index(Right.ERASURE))


def _objection(e: Entered, rights: list[Right]) -> list[Block]:
    """Art. 21(4): the right to object, explicitly and apart from the other rights."""
    if Right.OBJECTION not in rights:
        return []
    bases = {p.basis for p in e.purposes}
    text = say(
        "objection",
        legitimate=LegalBasis.LEGITIMATE_INTERESTS in bases,
        public=LegalBasis.PUBLIC_TASK in bases,
        marketing=any(p.is_direct_marketing for p in e.purposes),
    )
    return [paragraph(text, "rights.A21", emphasis=True)]


def _exercise(e: Entered) -> list[Block]:
    """One account of how to make a request, before the rights it is for."""
    r = e.register
    blocks = []
    if e.t(r.rights_channel):
        blocks.append(paragraph(e.t(r.rights_channel), "rights_channel"))
    # The address for requests is the one given for them, never a person's contact address.
    if r.rights_email:
        blocks.append(paragraph(say("exercise", email=r.rights_email), "rights_email"))
    if r.response_days:
        blocks.append(paragraph(say("exercise", days=r.response_days), "response_days"))
    return blocks


def section_automated(e: Entered) -> tuple[Block, ...]:
    r = e.register
    if r.has_automated_decisions is None:
        return ()
    if not r.has_automated_decisions:
        return (paragraph(say("statement", key="no_automated"), "has_automated_decisions"),)
    items = [
        term("logic", e.t(r.automated_logic), "automated_logic"),
        term("consequences", e.t(r.automated_consequences), "automated_consequences"),
    ]
    return (
        paragraph(say("statement", key="automated"), "has_automated_decisions"),
        definitions(items, "automated_logic"),
    )


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
    bases += [c.special_condition for c in categories if c.special_condition]
    marketing = any(p.is_direct_marketing for p in purposes)
    rights = rights_for(bases, direct_marketing=marketing)
    if not register.has_automated_decisions:
        # Art. 22 guards against decisions the register does not make; the notice says "none".
        rights = [r for r in rights if r != Right.AUTOMATED_DECISIONS]
    return rights
