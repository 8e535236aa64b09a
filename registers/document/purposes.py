"""The register and its people, the purposes and their bases, the data and where it comes from.

Art. 13(1)(c)-(d), 13(2)(e), 14(1)(d), 14(2)(f).
"""

from __future__ import annotations

from typing import Any

from registers.document.blocks import (
    Block,
    Item,
    bullets,
    definitions,
    lower_first,
    paragraph,
    say,
    table,
    term,
)
from registers.document.entered import Entered
from registers.document.retention import category_label, joined
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
    groups = [str(DataSubjectGroup(g).label) for g in r.subject_groups]
    if e.t(r.other_subject_groups):
        groups.append(e.t(r.other_subject_groups))
    if groups:
        # A list, not a sentence: the groups' own names hold "and" ("Parents and guardians"),
        # which a joined sentence would chain ("…clients and parents and guardians").
        blocks.append(paragraph(say("statement", key="subjects"), "subject_groups"))
        blocks.append(
            bullets([Item(text=g, source="subject_groups") for g in groups], "subject_groups")
        )
    if r.consent_age:
        age = say("statement", key="consent_age", age=r.consent_age)
        blocks.append(paragraph(age, "consent_age"))
    return tuple(blocks)


def section_purposes(e: Entered) -> tuple[Block, ...]:
    """One table of the purposes; each basis, interest and consequence is then said once."""
    if not e.purposes:
        return ()
    provision = any(_provision(p) for p in e.purposes)
    # The data and retention columns only once some purpose names its data (else unanswered).
    uses = any(p.categories.all() for p in e.purposes)
    keys = ["purpose", "basis", *(["requirement"] if provision else [])]
    keys += ["data_used", "kept"] if uses else []
    rows = [
        _purpose_row(e, i, p, provision=provision) + (_data_cells(e, i, p) if uses else ())
        for i, p in enumerate(e.purposes)
    ]
    blocks = [table([say("label", key=k) for k in keys], rows, "purposes")]
    blocks += _bases_explained(e)
    consequences = [
        term_of(e.t(p.description), e.t(p.consequence), f"purposes[{i}].consequence")
        for i, p in enumerate(e.purposes)
        if _provision(p) and e.t(p.consequence)
    ]
    if consequences:
        blocks.append(paragraph(say("statement", key="consequences"), "purposes.consequence"))
        blocks.append(definitions(consequences, "purposes.consequence"))
    return tuple(blocks)


def _provision(p: Any) -> bool:
    # Unanswered, the question says nothing: no default "voluntary". It is asked only under a
    # contract or a law; an answer left from another basis is not said.
    return bool(p.requirement) and p.basis in PROVISION_BASES


def _purpose_row(e: Entered, i: int, p: Any, *, provision: bool) -> tuple[Item, ...]:
    at = f"purposes[{i}]"
    name = e.t(p.description)
    marker = say("statement", key="direct_marketing")
    # "Direct marketing by email (direct marketing)" would say it twice.
    if p.is_direct_marketing and marker.casefold() not in name.casefold():
        name = f"{name} ({marker})"
    row = [
        Item(text=name, source=f"{at}.description"),
        Item(text=say("basis_short", basis=p.basis) if p.basis else "", source=f"{at}.basis"),
    ]
    if provision:
        said = say("requirement", requirement=p.requirement) if _provision(p) else ""
        row.append(Item(text=said, source=f"{at}.requirement"))
    return tuple(row)


def _data_cells(e: Entered, i: int, p: Any) -> tuple[Item, ...]:
    """The data a purpose uses, and the retention rules that keep it (by their names)."""
    used = {c.pk for c in p.categories.all()}
    rows = [c for c in e.categories if c.pk in used]
    names = [category_label(e, c) for c in rows]
    names = names[:1] + [lower_first(n) for n in names[1:]]
    kept = []
    for rule in e.retention:
        covered = {c.pk for c in rule.categories.all()}
        # A rule on "all other data" keeps what no named rule covers.
        if used & covered or (rule.all_other_data and used - _covered_by_rules(e)):
            kept.append(_rule_name(e, rule))
    return (
        Item(text=joined(names, e.language), source=f"purposes[{i}].categories"),
        # A semicolon: rule names hold "and" themselves ("Books and financial statements").
        Item(text="; ".join(k for k in kept if k), source=f"purposes[{i}].categories"),
    )


def _covered_by_rules(e: Entered) -> set[int]:
    return {c.pk for rule in e.retention for c in rule.categories.all()}


def _rule_name(e: Entered, rule: Any) -> str:
    name = e.t(rule.applies_to)
    if rule.period and rule.unit:
        period = say("period", count=rule.period, unit=rule.unit)
        return f"{name} ({period})" if name else period
    return name


def _bases_explained(e: Entered) -> list[Block]:
    """Each basis in the notice explained once, in the Regulation's order."""
    present = {p.basis for p in e.purposes if p.basis}
    items = [
        Item(
            term=say("basis_short", basis=basis),
            text=say("basis_explained", basis=basis),
            source=f"purposes[{_first(e, basis)}].basis",
        )
        for basis in LegalBasis.values
        if basis in present
    ]
    blocks = [paragraph(say("statement", key="bases"), "purposes.basis")]
    blocks.append(definitions(items, "purposes.basis"))
    blocks += _consent_methods(e)
    interests = [
        term_of(
            e.t(p.description), e.t(p.legitimate_interest), f"purposes[{i}].legitimate_interest"
        )
        for i, p in enumerate(e.purposes)
        if p.basis == LegalBasis.LEGITIMATE_INTERESTS and e.t(p.legitimate_interest)
    ]
    if interests:
        blocks.append(paragraph(say("statement", key="interests"), "purposes.legitimate_interest"))
        blocks.append(definitions(interests, "purposes.legitimate_interest"))
    return blocks


def _first(e: Entered, basis: str) -> int:
    return next(i for i, p in enumerate(e.purposes) if p.basis == basis)


def _consent_methods(e: Entered) -> list[Block]:
    """How consent is asked: once when every consent purpose asks it the same way."""
    asked = [
        (i, p)
        for i, p in enumerate(e.purposes)
        if p.basis == LegalBasis.CONSENT and p.consent_method
    ]
    if not asked:
        return []
    methods = {p.consent_method for _i, p in asked}
    if len(methods) == 1:
        i, p = asked[0]
        items = [term("consent_method", _method(p.consent_method), f"purposes[{i}].consent_method")]
    else:
        label = say("label", key="consent_method")
        items = [
            term_of(
                f"{label} ({e.t(p.description)})",
                _method(p.consent_method),
                f"purposes[{i}].consent_method",
            )
            for i, p in asked
        ]
    return [definitions(items, "purposes.consent_method")]


def _method(value: str) -> str:
    return say("consent_method", method=value, label=ConsentMethod(value).label)


def term_of(name: str, text: str, source: str) -> Item:
    return Item(term=name, text=text, source=source)


def section_data(e: Entered) -> tuple[Block, ...]:
    items = []
    said: set[str] = set()
    for i, row in enumerate(e.categories):
        name = str(DataCategory(row.category).label) if row.category else e.t(row.custom_name)
        condition = ""
        # A chosen condition is what the user said, whatever the box says (one definition).
        if row.special_condition:
            condition = lower_first(str(SpecialCondition(row.special_condition).label))
        details = e.t(row.details).strip()
        if row.special and (condition or details):
            # The special-category sentence follows with its own full stop.
            details = details.rstrip(".")
        text = say(
            "category",
            name=name,
            # "Language: Language" says nothing: details equal to the name are left out.
            details="" if details.casefold() == name.casefold() else details,
            special=row.special,
            condition=condition,
            # The condition is named in full once; later rows on it refer back to it.
            again=condition in said,
        )
        said.add(condition)
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
