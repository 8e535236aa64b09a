"""Recipients and transfers outside the EU/EEA (Art. 13(1)(e)-(f))."""

from __future__ import annotations

from typing import Any

from registers.document.blocks import Block, Item, definitions, paragraph, say, table, term
from registers.document.entered import Entered
from registers.vocabulary import (
    SAFEGUARD_MECHANISMS,
    RecipientType,
    TransferMechanism,
    country_name,
)


def section_recipients(e: Entered) -> tuple[Block, ...]:
    if not e.recipients:
        # Only a "no" said by the user becomes "nothing is disclosed"; unanswered says nothing.
        if e.register.has_recipients is False:
            return (paragraph(say("statement", key="no_recipients"), "has_recipients"),)
        return ()
    header = [say("label", key=k) for k in ("recipient", "role", "country")]
    rows = []
    for i, r in enumerate(e.recipients):
        at = f"recipients[{i}]"
        description = e.t(r.description)
        # "Kela: Kela (Social Insurance Institution)…" names it twice; the description suffices.
        name = "" if description.startswith(r.name) else r.name
        who = say("recipient", name=name, description=description)
        rows.append(
            (
                Item(text=who, source=f"{at}.description"),
                Item(
                    text=str(RecipientType(r.recipient_type).label) if r.recipient_type else "",
                    source=f"{at}.recipient_type",
                ),
                Item(text=country_name(r.country, e.language), source=f"{at}.country"),
            )
        )
    return (table(header, rows, "recipients"),)


def section_transfers(e: Entered) -> tuple[Block, ...]:
    if not e.transfers:
        if e.register.has_transfers is False:
            return (paragraph(say("statement", key="no_transfers"), "has_transfers"),)
        return ()
    blocks = [paragraph(say("statement", key="transfers"), "transfers")]
    for i, t in enumerate(e.transfers):
        at = f"transfers[{i}]"
        mechanism = str(TransferMechanism(t.mechanism).label) if t.mechanism else ""
        recipient = t.recipient.name or e.t(t.recipient.description) if t.recipient else ""
        items = [
            term("recipient", recipient, f"{at}.recipient"),
            term("country", _country(t, e.language), f"{at}.country"),
            term("transferred", e.t(t.description), f"{at}.description"),
            Item(
                term=say("label", key="mechanism", adequacy=is_adequacy(t.mechanism)),
                text=mechanism,
                source=f"{at}.mechanism",
            ),
            term("copy", e.t(t.copy_available), f"{at}.copy_available"),
        ]
        blocks.append(definitions(items, at))
    return tuple(blocks)


def is_adequacy(mechanism: str) -> bool:
    """An adequacy decision (Art. 45) or a derogation (Art. 49) is the transfer's basis, not a
    safeguard; only the Art. 46 tools are safeguards."""
    return mechanism not in SAFEGUARD_MECHANISMS


def _country(transfer: Any, language: str) -> str:
    # "Not known" is what the user said, so it is printed (and the checker refuses it).
    if transfer.country:
        return country_name(transfer.country, language)
    return say("label", key="country_unknown") if transfer.country_unknown else ""
