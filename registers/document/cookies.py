"""Cookies and similar technologies on the organisation's site."""

from __future__ import annotations

from registers.document.blocks import Block, Item, say, table
from registers.document.entered import Entered
from registers.document.recipients import is_adequacy
from registers.vocabulary import (
    TransferMechanism,
    country_name,
    is_eea,
)


def section_cookies(e: Entered) -> tuple[Block, ...]:
    if not e.cookies:
        return ()
    keys = ("cookie", "provider", "kind", "purpose", "duration", "country")
    rows = []
    for i, c in enumerate(e.cookies):
        at = f"cookies[{i}]"
        country = country_name(c.country, e.language)
        if not is_eea(c.country) and c.mechanism:
            country = say(
                "cookie_country",
                country=country,
                mechanism=str(TransferMechanism(c.mechanism).label),
                adequacy=is_adequacy(c.mechanism),
            )
        rows.append(
            (
                Item(text=c.name, source=f"{at}.name"),
                Item(text=c.provider, source=f"{at}.provider"),
                Item(text=str(c.get_kind_display()), source=f"{at}.kind"),
                Item(text=e.t(c.purpose), source=f"{at}.purpose"),
                Item(text=e.t(c.duration), source=f"{at}.duration"),
                Item(text=country, source=f"{at}.country"),
            )
        )
    return (table([say("label", key=k) for k in keys], rows, "cookies"),)
