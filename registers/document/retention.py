"""How long data is kept, and how it is protected (Art. 13(2)(a), 32)."""

from __future__ import annotations

from typing import Any

from registers.document.blocks import Block, Item, definitions, paragraph, say
from registers.document.entered import Entered
from registers.locales import spoken_list
from registers.vocabulary import DataCategory


def category_label(e: Entered, row: Any) -> str:
    return str(DataCategory(row.category).label) if row.category else e.t(row.custom_name)


def _covered(e: Entered, rule: Any) -> str:
    """The data a rule covers, in the order of the data section, as the user chose it."""
    chosen = {c.pk for c in rule.categories.all()}
    names = [category_label(e, c) for c in e.categories if c.pk in chosen]
    return spoken_list([n for n in names if n], e.language)


def rule_item(e: Entered, index: int, r: Any) -> Item:
    """One retention rule as the notice states it (the short notices state it the same way)."""
    period = say("period", count=r.period, unit=r.unit) if r.period and r.unit else ""
    covered = _covered(e, r)
    text = say(
        "retention",
        period=period,
        end_event=e.t(r.end_event),
        criteria=e.t(r.criteria),
        covered=covered,
        all_other=r.all_other_data,
    )
    term = e.t(r.applies_to) or covered
    return Item(term=term, text=text, source=f"retention[{index}]")


def section_retention(e: Entered) -> tuple[Block, ...]:
    items = [rule_item(e, i, r) for i, r in enumerate(e.retention)]
    return (definitions(items, "retention"),) if items else ()


def section_protection(e: Entered) -> tuple[Block, ...]:
    security = e.t(e.register.security)
    return (paragraph(security, "security"),) if security else ()
