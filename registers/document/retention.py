"""How long data is kept, and how it is protected (Art. 13(2)(a), 32)."""

from __future__ import annotations

from registers.document.blocks import Block, Item, definitions, paragraph, say
from registers.document.entered import Entered


def section_retention(e: Entered) -> tuple[Block, ...]:
    items = []
    for i, r in enumerate(e.register.retention.all()):
        period = say("period", count=r.period, unit=r.unit) if r.period and r.unit else ""
        text = say("retention", period=period, criteria=e.t(r.criteria))
        items.append(Item(term=e.t(r.applies_to), text=text, source=f"retention[{i}]"))
    return (definitions(items, "retention"),) if items else ()


def section_protection(e: Entered) -> tuple[Block, ...]:
    security = e.t(e.register.security)
    return (paragraph(security, "security"),) if security else ()
