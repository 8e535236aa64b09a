"""Just-in-time notices: what one purpose tells people where its data is collected (WP260 §38).

A short notice is a layer of the full notice, built from the same facts: the purpose and its
basis, how long the data it uses is kept (the retention rules that cover each of its categories,
as the checker understands coverage), the right to withdraw or to object where the basis or
direct marketing brings one, and the controller. A purpose whose data, or the retention of some
of it, is not answered gets no short notice: it would have to guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.utils import translation
from django.utils.text import slugify

from registers.document.blocks import Item
from registers.document.entered import Entered
from registers.document.retention import category_label, rule_item
from registers.models import Controller, Register
from registers.translated import translation as text_in
from registers.vocabulary import LegalBasis

MAX_KEY = 50


@dataclass(frozen=True)
class ShortNotice:
    """One purpose's short notice in one language; ``source`` names the purpose's row."""

    key: str
    language: str
    source: str
    title: str
    controller: str
    contact: str
    purpose: str
    basis: str
    retention: tuple[Item, ...]
    withdraw: bool
    object_general: bool
    object_marketing: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShortNotice:
        rules = tuple(Item(**item) for item in data["retention"])
        return cls(**{**data, "retention": rules})


@dataclass(frozen=True)
class Missing:
    """Why a purpose has no short notice: what is not answered, and where to answer it."""

    index: int
    purpose: str
    reason: str  # "basis", "data" or "retention"
    section: str
    anchor: str
    category: str = ""


def purpose_keys(register: Register) -> list[str]:
    """A stable key per purpose: its description in the register's first language, as a slug.

    Database ids change when a register is imported or copied; the description travels with it.
    Purposes with the same description get -2, -3 in their order.
    """
    language = (register.languages or ["fi"])[0]
    keys: list[str] = []
    for index, purpose in enumerate(register.purposes.all()):
        base = _shortened(slugify(text_in(purpose.description, language)))
        base = base or f"purpose-{index + 1}"
        key, n = base, 1
        while key in keys:
            n += 1
            key = f"{base}-{n}"
        keys.append(key)
    return keys


def _shortened(slug: str) -> str:
    """At most MAX_KEY characters, cut between words."""
    if len(slug) <= MAX_KEY:
        return slug
    cut = slug[: MAX_KEY + 1].rsplit("-", 1)[0]
    return cut if cut else slug[:MAX_KEY]


def _rules_for(e: Entered, purpose: Any) -> tuple[list[int], Any]:
    """The indices of the rules covering the purpose's data, and the first category none covers.

    A category is covered by the rules that name it, else by a rule for all other data (as in
    SEL-RETENTION-COVERAGE).
    """
    found: list[int] = []
    for category in purpose.categories.all():
        naming = [i for i, r in enumerate(e.retention) if category in r.categories.all()]
        covering = naming or [i for i, r in enumerate(e.retention) if r.all_other_data]
        if not covering:
            return found, category
        found += [i for i in covering if i not in found]
    return sorted(found), None


def missing(register: Register, language: str) -> list[Missing]:
    """Each purpose that gets no short notice, with what is not answered (the outputs page)."""
    with translation.override(language):
        return list(_missing(Entered(register, Controller.load(), language)))


def _missing(e: Entered) -> Iterator[Missing]:
    for index, purpose in enumerate(e.purposes):
        name = e.t(purpose.description)
        anchor = f"id_purposes-{index}-"
        if not purpose.basis:
            yield Missing(index, name, "basis", "purposes", anchor + "basis")
        elif not purpose.categories.exists():
            yield Missing(index, name, "data", "purposes", anchor + "categories")
        else:
            uncovered = _rules_for(e, purpose)[1]
            if uncovered is not None:
                label = category_label(e, uncovered)
                yield Missing(index, name, "retention", "retention", "", label)


def build_short_notices(
    register: Register, controller: Controller, language: str
) -> list[ShortNotice]:
    """The short notice of every purpose that can have one, in ``language``."""
    with translation.override(language):
        e = Entered(register, controller, language)
        keys = purpose_keys(register)
        notices = []
        for index, purpose in enumerate(e.purposes):
            rules, uncovered = _rules_for(e, purpose)
            if not purpose.basis or not rules or uncovered is not None:
                continue
            notices.append(_short_notice(e, index, purpose, keys[index], rules))
        return notices


def _short_notice(e: Entered, index: int, purpose: Any, key: str, rules: list[int]) -> ShortNotice:
    basis = purpose.basis
    return ShortNotice(
        key=key,
        language=e.language,
        source=f"purposes[{index}]",
        title=e.t(e.register.name) or e.register.title(e.language),
        controller=e.controller.legal_name,
        contact=e.register.rights_email or e.controller.email,
        purpose=e.t(purpose.description),
        basis=str(LegalBasis(basis).label),
        retention=tuple(rule_item(e, i, e.retention[i]) for i in rules),
        withdraw=basis == LegalBasis.CONSENT,
        object_general=basis in (LegalBasis.PUBLIC_TASK, LegalBasis.LEGITIMATE_INTERESTS),
        object_marketing=bool(purpose.is_direct_marketing),
    )
