"""The controller, joint controllers, representative and contact person (Art. 13(1)(a)-(b), 26)."""

from __future__ import annotations

from registers.document.blocks import Block, Item, bullets, definitions, paragraph, say, term
from registers.document.entered import Entered
from registers.vocabulary import (
    country_name,
)


def section_controller(e: Entered) -> tuple[Block, ...]:
    c = e.controller
    address = ", ".join(
        part for part in (c.street_address, f"{c.postal_code} {c.city}".strip()) if part
    )
    if c.country and c.country != "FI":
        address = ", ".join(p for p in (address, country_name(c.country, e.language)) if p)
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
    blocks += _joint_controllers(e)
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


def _joint_controllers(e: Entered) -> list[Block]:
    rows = list(e.register.joint_controllers.all())
    if not rows:
        return []
    items = [
        Item(
            text=say("joint_controller", name=j.name, contact=j.contact, essence=e.t(j.essence)),
            source=f"joint_controllers[{i}]",
        )
        for i, j in enumerate(rows)
    ]
    return [
        paragraph(say("statement", key="joint_controllers"), "joint_controllers"),
        bullets(items, "joint_controllers"),
    ]


def section_contact(e: Entered) -> tuple[Block, ...]:
    c = e.controller
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
    return tuple(b for b in blocks if b.items)


def section_dpo(e: Entered) -> tuple[Block, ...]:
    """Art. 13(1)(b): the data protection officer, in a section of its own when one is named."""
    c = e.controller
    if not c.has_dpo:
        return ()
    items = [
        term("name", c.dpo_name, "controller.dpo_name"),
        term("email", c.dpo_email, "controller.dpo_email"),
        term("phone", c.dpo_phone, "controller.dpo_phone"),
    ]
    block = definitions(items, "controller.dpo_name")
    return (block,) if block.items else ()
