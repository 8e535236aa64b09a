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
    rights_for,
)


def section_rights(e: Entered) -> tuple[Block, ...]:
    r = e.register
    rights = rights_in(r, e.purposes, e.categories)
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
    blocks += _objection(e, rights)
    blocks.append(definitions(items, "purposes"))
    blocks.append(definitions(authority_items(), "rights.A77"))
    blocks += _exercise(e)
    return tuple(blocks)


def _objection(e: Entered, rights: list[Right]) -> list[Block]:
    """Art. 21(4): the right to object, explicitly and apart from the other rights."""
    if Right.OBJECTION not in rights:
        return []
    bases = {p.basis for p in e.purposes}
    general = bool(bases & {LegalBasis.PUBLIC_TASK, LegalBasis.LEGITIMATE_INTERESTS})
    marketing = any(p.is_direct_marketing for p in e.purposes)
    text = say("objection", general=general, marketing=marketing)
    return [paragraph(text, "rights.A21", emphasis=True)]


def _exercise(e: Entered) -> list[Block]:
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
