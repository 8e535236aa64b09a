"""The register and its people, the purposes and their bases, the data and where it comes from.

Art. 13(1)(c)-(d), 13(2)(e), 14(1)(d), 14(2)(f).
"""

from __future__ import annotations

from registers.document.blocks import (
    Block,
    Item,
    bullets,
    definitions,
    lower_first,
    paragraph,
    say,
    term,
)
from registers.document.entered import Entered
from registers.locales import spoken_list
from registers.vocabulary import (
    PROVISION_BASES,
    ConsentMethod,
    DataCategory,
    DataSubjectGroup,
    LegalBasis,
    SpecialCondition,
)


def section_register(e: Entered) -> tuple[Block, ...]:
    r = e.register
    blocks = [paragraph(e.t(r.name) or r.title(e.language), "name")]
    if e.t(r.introduction):
        blocks.append(paragraph(e.t(r.introduction), "introduction"))
    labels = [str(DataSubjectGroup(g).label) for g in r.subject_groups]
    # Labels after the first lose their capital mid-sentence ("Customers and subscribers").
    groups = labels[:1] + [lower_first(label) for label in labels[1:]]
    if e.t(r.other_subject_groups):
        groups.append(e.t(r.other_subject_groups))
    if groups:
        text = spoken_list(groups, e.language)
        blocks.append(definitions([term("subjects", text, "subject_groups")], "subject_groups"))
    if r.consent_age:
        age = say("statement", key="consent_age", age=r.consent_age)
        blocks.append(paragraph(age, "consent_age"))
    return tuple(blocks)


def section_purposes(e: Entered) -> tuple[Block, ...]:
    blocks = []
    for i, p in enumerate(e.purposes):
        at = f"purposes[{i}]"
        items = [
            term("purpose", e.t(p.description), f"{at}.description"),
            term("basis", say("basis", basis=p.basis) if p.basis else "", f"{at}.basis"),
            term(
                "interest",
                e.t(p.legitimate_interest) if p.basis == LegalBasis.LEGITIMATE_INTERESTS else "",
                f"{at}.legitimate_interest",
            ),
            term(
                "requirement",
                # Unanswered, the question says nothing: no default "voluntary". It is asked
                # only under a contract or a law; an answer left from another basis is not said.
                _requirement(p.requirement, e.t(p.consequence))
                if p.requirement and p.basis in PROVISION_BASES
                else "",
                f"{at}.requirement",
            ),
        ]
        if p.basis == LegalBasis.CONSENT and p.consent_method:
            method = str(ConsentMethod(p.consent_method).label)
            items.append(term("consent_method", method, f"{at}.consent_method"))
        if p.is_direct_marketing:
            items.append(
                term(
                    "direct_marketing",
                    say("statement", key="direct_marketing"),
                    f"{at}.is_direct_marketing",
                )
            )
        blocks.append(definitions(items, at))
    return tuple(blocks)


def _requirement(requirement: str, consequence: str) -> str:
    return say("requirement", requirement=requirement, consequence=consequence)


def section_data(e: Entered) -> tuple[Block, ...]:
    items = []
    for i, row in enumerate(e.categories):
        name = str(DataCategory(row.category).label) if row.category else e.t(row.custom_name)
        condition = ""
        # A chosen condition is what the user said, whatever the box says (one definition).
        if row.special_condition:
            condition = str(SpecialCondition(row.special_condition).label)
        text = say(
            "category",
            name=name,
            details=e.t(row.details),
            special=row.special,
            condition=condition,
        )
        items.append(Item(text=text, source=f"categories[{i}]"))
    blocks = [bullets(items, "categories")] if items else []
    need = e.t(e.register.identity_code_need)
    if need:
        blocks.append(
            definitions([term("identity_code", need, "identity_code_need")], "identity_code_need")
        )
    return tuple(blocks)


def section_sources(e: Entered) -> tuple[Block, ...]:
    blocks = []
    answer = e.register.collected_from_subject
    if answer is not None:
        key = "from_subject" if answer else "not_from_subject"
        blocks.append(paragraph(say("statement", key=key), "collected_from_subject"))
    items = [
        Item(
            text=say("source", description=e.t(s.description), public=s.publicly_available),
            source=f"sources[{i}]",
        )
        for i, s in enumerate(e.register.sources.all())
    ]
    if items:
        blocks.append(paragraph(say("statement", key="other_sources"), "sources"))
        blocks.append(bullets(items, "sources"))
    return tuple(blocks)
