"""How long data is kept, and how it is protected (Art. 13(2)(a), 32)."""

from __future__ import annotations

from typing import Any

from registers.document.blocks import Block, Item, definitions, lower_first, paragraph, say
from registers.document.entered import Entered
from registers.locales import spoken_list
from registers.vocabulary import DataCategory


def category_label(e: Entered, row: Any) -> str:
    return str(DataCategory(row.category).label) if row.category else e.t(row.custom_name)


def _covered(e: Entered, rule: Any) -> str:
    """The data a rule covers, in the order of the data section, as the user chose it."""
    chosen = {c.pk for c in rule.categories.all()}
    # Names lose their capital mid-sentence ("name and email address"); "EU" keeps its own.
    names = [lower_first(category_label(e, c)) for c in e.categories if c.pk in chosen]
    return joined([n for n in names if n], e.language)


# The word that joins a list's last item, and the one that joins it above items that hold it.
_AND = {"fi": (" ja ", " sekä "), "sv": (" och ", " samt ")}


def joined(items: list[str], language: str) -> str:
    """The locale's list join, except that names holding "and" themselves are joined above
    it ("job title and organisation, and username…" reads "…sekä…" in Finnish)."""
    words = _AND.get(language)
    if len(items) < 2 or not words or not any(words[0] in item for item in items):
        return spoken_list(items, language)
    return ", ".join(items[:-1]) + words[1] + items[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else f"{text}."


def _period(e: Entered, rule: Any) -> str:
    """The period and its criterion: "3 years from delivery." when the user wrote the criterion
    as a continuation (in lower case), else the period and the user's own sentence after it."""
    criteria = e.t(rule.criteria).strip()
    if not (rule.period and rule.unit):
        return _sentence(criteria)
    period = say("period", count=rule.period, unit=rule.unit)
    if criteria and criteria[0].islower():
        return _sentence(f"{period} {criteria}")
    return " ".join(p for p in (_sentence(period), _sentence(criteria)) if p)


def rule_item(e: Entered, index: int, r: Any, said: frozenset[str] = frozenset()) -> Item:
    """One retention rule as the notice states it (the short notices state it the same way);
    ``said`` holds the data of the rules stated before it."""
    name = e.t(r.applies_to)
    covered = _covered(e, r)
    text = say(
        "retention",
        period_text=_period(e, r),
        end_event=_sentence(e.t(r.end_event)),
        # A rule without a name is named by its data, which is then not said twice.
        covered=covered if name else "",
        all_other=r.all_other_data,
        # Two rules on the same data (vouchers and books) would repeat the same sentence.
        again=bool(covered) and covered in said,
    )
    term = name or _sentence(covered).rstrip(".")
    return Item(term=term, text=text, source=f"retention[{index}]")


def section_retention(e: Entered) -> tuple[Block, ...]:
    items = []
    said: set[str] = set()
    for i, r in enumerate(e.retention):
        items.append(rule_item(e, i, r, frozenset(said)))
        said.add(_covered(e, r))
    return (definitions(items, "retention"),) if items else ()


def section_protection(e: Entered) -> tuple[Block, ...]:
    security = e.t(e.register.security)
    return (paragraph(security, "security"),) if security else ()
