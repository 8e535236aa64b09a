"""A published version as JSON-LD in W3C Data Privacy Vocabulary (DPV 2) terms.

Built from the structured data the version froze (the JSON format's dicts), so it states
exactly the facts the notice was made from, in one of the version's languages. Values of our
closed lists are DPV concepts where DPV has them (``vocabulary.dpv_iri``) and our own
identifiers, under ``urn:seloste:``, where it has none. The register is one ``dpv:Process``;
each purpose and each transfer is a process nested in it, with its own legal basis.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from registers.vocabulary import (
    DPV,
    DPV_GDPR,
    DPV_PD,
    EU_EEA,
    dpv_iri,
    is_special_category,
    rights_for,
)

OURS = "urn:seloste:"
LOC = "https://w3id.org/dpv/loc#"
CONTEXT = {
    "dpv": DPV,
    "eu-gdpr": DPV_GDPR,
    "pd": DPV_PD,
    "loc": LOC,
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "seloste": OURS,
}
# ISO 8601 duration designators of the retention units.
DURATION = {"days": "D", "weeks": "W", "months": "M", "years": "Y"}


def concept(value: str | None) -> dict[str, str] | None:
    """The concept of a closed-list value, or None when there is no value."""
    return {"@id": dpv_iri(value) or f"{OURS}{value}"} if value else None


def country(code: str | None) -> dict[str, str] | None:
    if not code:
        return None
    # "Somewhere in the EU/EEA" is DPV's region of the European Economic Area.
    return {"@id": f"{LOC}EEA"} if code.upper() == EU_EEA else {"@id": f"{LOC}{code.upper()}"}


class Texts:
    """Language-tagged literals of one language from ``{"fi": ..., "en": ...}`` values."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, value: dict[str, str] | None) -> dict[str, str] | None:
        text = (value or {}).get(self.language, "").strip()
        return {"@value": text, "@language": self.language} if text else None


def compact(node: dict[str, Any]) -> dict[str, Any]:
    """The node without keys whose value is empty, so that nothing unentered is stated."""
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def notice_jsonld(
    data: dict[str, Any],
    *,
    language: str,
    url: str,
    number: int,
    content_hash: str,
    published: str,
    effective: str,
) -> dict[str, Any]:
    """The JSON-LD of one language of a version; ``url`` is the version's own page."""
    register, controller = data["register"], data["controller"]
    t = Texts(language)
    return compact(
        {
            "@context": CONTEXT,
            "@id": url,
            "@type": "dpv:PrivacyNotice",
            "dct:title": t(register["name"]),
            "dct:language": language,
            "dct:hasVersion": str(number),
            "dct:issued": {"@value": published, "@type": "xsd:date"},
            "dct:valid": {"@value": effective, "@type": "xsd:date"},
            "seloste:contentHash": content_hash,
            "dpv:hasDataController": controller_node(controller, url),
            "dpv:hasProcess": process_node(register, t, url),
        }
    )


def controller_node(controller: dict[str, Any], url: str) -> dict[str, Any]:
    node = {
        "@id": f"{url}#controller",
        "@type": "dpv:DataController",
        "dpv:hasName": controller.get("legal_name", ""),
        "dct:identifier": controller.get("business_id", ""),
        "dpv:hasContact": controller.get("email", ""),
    }
    if controller.get("has_dpo"):
        node["dpv:hasDataProtectionOfficer"] = compact(
            {
                "@type": "dpv:DataProtectionOfficer",
                "dpv:hasName": controller.get("dpo_name", ""),
                "dpv:hasContact": controller.get("dpo_email", "") or controller.get("dpo_phone"),
            }
        )
    if controller.get("has_representative"):
        node["dpv:hasRepresentative"] = compact(
            {
                "@type": "dpv:Representative",
                "dpv:hasName": controller.get("representative_name", ""),
                "dpv:hasContact": controller.get("representative_email", ""),
            }
        )
    return compact(node)


def process_node(register: dict[str, Any], t: Texts, url: str) -> dict[str, Any]:
    recipients = [
        recipient_node(r, t, f"{url}#recipient-{i}") for i, r in enumerate(register["recipients"])
    ]
    purposes = [purpose_node(p, t) for p in register["purposes"]]
    transfers = [transfer_node(x, t, url) for x in register["transfers"]]
    return compact(
        {
            "@id": f"{url}#processing",
            "@type": "dpv:Process",
            "dpv:hasDataSubject": [concept(g) for g in register["subject_groups"]],
            "dpv:hasPersonalData": [category_node(c, t) for c in register["categories"]],
            "dpv:hasRecipient": recipients,
            "dpv:hasStorageCondition": [retention_node(r, t) for r in register["retention"]],
            "dpv:hasRight": [concept(r) for r in rights(register)],
            "dpv:hasProcess": purposes + transfers,
        }
    )


def purpose_node(purpose: dict[str, Any], t: Texts) -> dict[str, Any]:
    return compact(
        {
            "@type": "dpv:Process",
            "dpv:hasPurpose": compact(
                {"@type": "dpv:Purpose", "dct:description": t(purpose["description"])}
            ),
            "dpv:hasLegalBasis": concept(purpose.get("basis")),
            "dct:description": t(purpose.get("legitimate_interest")),
        }
    )


def category_node(category: dict[str, Any], t: Texts) -> dict[str, Any]:
    special = _special(category)
    kinds = ["dpv:PersonalData"] + (["dpv:SpecialCategoryPersonalData"] if special else [])
    node: dict[str, Any] = {
        "@type": kinds,
        "dct:description": t(category.get("details")),
        "dpv:hasLegalBasis": concept(category.get("special_condition")),
    }
    if category.get("category"):
        node["@type"] = [*kinds, dpv_iri(category["category"]) or OURS + category["category"]]
    else:
        node["dct:title"] = t(category.get("custom_name"))
    return compact(node)


def _special(category: dict[str, Any]) -> bool:
    return is_special_category(
        category.get("category") or "",
        marked=bool(category.get("is_special")),
        condition=category.get("special_condition") or "",
    )


def recipient_node(recipient: dict[str, Any], t: Texts, node_id: str) -> dict[str, Any]:
    role = recipient.get("recipient_type")
    return compact(
        {
            "@id": node_id,
            "@type": (dpv_iri(role) or f"{OURS}{role}") if role else f"{DPV}Recipient",
            "dpv:hasName": recipient.get("name", ""),
            "dct:description": t(recipient.get("description")),
            "dpv:hasCountry": country(recipient.get("country")),
        }
    )


def transfer_node(transfer: dict[str, Any], t: Texts, url: str) -> dict[str, Any]:
    index = transfer.get("recipient")
    return compact(
        {
            "@type": "dpv:Process",
            "dpv:hasProcessing": {"@id": f"{DPV}Transfer"},
            "dpv:hasRecipient": {"@id": f"{url}#recipient-{index}"} if index is not None else None,
            "dpv:hasThirdCountry": country(transfer["country"])
            if transfer.get("country")
            else None,
            "dpv:hasLegalBasis": concept(transfer["mechanism"])
            if transfer.get("mechanism")
            else None,
            "dct:description": t(transfer.get("description")),
        }
    )


def retention_node(rule: dict[str, Any], t: Texts) -> dict[str, Any]:
    duration = None
    if rule.get("period") and rule.get("unit") in DURATION:
        duration = {"@value": f"P{rule['period']}{DURATION[rule['unit']]}", "@type": "xsd:duration"}
    return compact(
        {
            "@type": "dpv:StorageDuration",
            "dct:title": t(rule.get("applies_to")),
            "dpv:hasDuration": duration,
            "dct:description": t(rule.get("criteria")),
        }
    )


def rights(register: dict[str, Any]) -> Iterable[str]:
    """The rights the notice states, derived from its bases as the document derives them."""
    bases = [p["basis"] for p in register["purposes"] if p.get("basis")]
    bases += [
        c["special_condition"]
        for c in register["categories"]
        if _special(c) and c.get("special_condition")
    ]
    marketing = any(p.get("is_direct_marketing") for p in register["purposes"])
    found = rights_for(bases, direct_marketing=marketing)
    return [r for r in found if register.get("has_automated_decisions") or r != "A22"]


def render_jsonld(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
