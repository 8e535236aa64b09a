"""The checker's building blocks: severities, rules, findings and the facts a rule looks at."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registers.models import Controller, Register
from registers.review import Key, marks
from registers.translated import LANGUAGE_NAMES
from registers.vocabulary import CHILD_GROUPS, LegalBasis

if TYPE_CHECKING:
    from registers.models import (
        CategoryRow,
        Cookie,
        JointController,
        Purpose,
        Recipient,
        Retention,
        Source,
        Transfer,
        TranslationReview,
    )


class Severity(models.TextChoices):
    ERROR = "error", _("Error")
    WARNING = "warning", _("Warning")


# An error weighs more in the completeness meter: it is what stands between a draft and a notice.
WEIGHTS = {Severity.ERROR: 3, Severity.WARNING: 1}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    article: str
    message: str
    section: str
    anchor: str
    language: str = ""  # the language a finding is about, when it is about one

    def url(self, register: Register) -> str:
        if self.section == "controller":
            base = _reverse("controller", {}, "/controller/")
        else:
            kwargs = {"slug": register.slug, "section": self.section}
            fallback = f"/registers/{register.slug}/edit/{self.section}/"
            base = _reverse("register_edit", kwargs, fallback)
        return f"{base}#{self.anchor}" if self.anchor else base


def _reverse(name: str, kwargs: dict[str, str], fallback: str) -> str:
    # The checker is usable (and testable) before the editor's URLs exist.
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return fallback


@dataclass(frozen=True)
class Violation:
    """What a rule's check yields: where the problem is and what to say about it."""

    message: str
    section: str
    anchor: str = ""
    language: str = ""


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    article: str
    title: Promise
    reason: str  # for docs/checker.md only, so in English
    check: Callable[[Facts], Iterator[Violation]] = field(compare=False, repr=False)

    @property
    def weight(self) -> int:
        return WEIGHTS[Severity(self.severity)]

    def findings(self, facts: Facts) -> Iterator[Finding]:
        for violation in self.check(facts):
            yield Finding(
                code=self.code,
                severity=self.severity,
                article=self.article,
                message=violation.message,
                section=violation.section,
                anchor=violation.anchor,
                language=violation.language,
            )


RULES: dict[str, Rule] = {}

# Items only Art. 14 has, placed where a reader of Art. 13's order expects them.
_ART14_PLACE = {("1", "d"): ("1", "d~"), ("2", "f"): ("2", "e~")}
_ARTICLE = re.compile(r"(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?")


def article_key(article: str) -> tuple[int, int, int, str, str]:
    """Sort key: the notice items of GDPR 13 and 14 first, other GDPR articles, then Finnish law."""
    match = _ARTICLE.search(article)
    number, paragraph, point = match.groups(default="") if match else ("0", "", "")
    group = 0 if int(number) in (13, 14) else 1
    if not article.startswith("GDPR"):
        group = 2
    elif number == "14" and (paragraph, point) in _ART14_PLACE:
        number, (paragraph, point) = "13", _ART14_PLACE[(paragraph, point)]
    # The whole reference breaks ties, so rules citing the same articles stay together.
    return group, int(number), int(paragraph or 0), point or "", article


def rule(
    code: str, severity: Severity, article: str, title: Promise, reason: str
) -> Callable[[Callable[[Facts], Iterator[Violation]]], Callable[[Facts], Iterator[Violation]]]:
    """Register a check under a stable code; the registry stays ordered by article."""

    def register_rule(
        check: Callable[[Facts], Iterator[Violation]],
    ) -> Callable[[Facts], Iterator[Violation]]:
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        RULES[code] = Rule(code, severity, article, title, reason, check)
        ordered = sorted(RULES.values(), key=lambda r: article_key(r.article))
        RULES.clear()
        RULES.update((r.code, r) for r in ordered)
        return check

    return register_rule


# --- facts ---------------------------------------------------------------------------------


def filled(value: Any) -> bool:
    """True when a translated text has words in at least one language."""
    return isinstance(value, dict) and any(str(text).strip() for text in value.values())


def texts(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {code: str(text) for code, text in value.items() if str(text).strip()}


def label(value: Any, fallback: str) -> str:
    """A row's own words in the reader's language (or any), short enough for a message."""
    words = texts(value)
    text = words.get(get_language() or "", "") or next(iter(words.values()), "") or fallback
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


def row_name(model: type[models.Model], index: int) -> str:
    return f"{_model_title(model, get_language() or '')} {index + 1}"


@lru_cache(maxsize=256)
def _model_title(model: type[models.Model], language: str) -> str:
    # Translated once per language: a register of hundreds of rows names each of them.
    return capfirst(str(model._meta.verbose_name))


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def field_anchor(name: str, prefix: str = "", index: int | None = None) -> str:
    return f"id_{prefix}-{index}-{name}" if prefix else f"id_{name}"


@dataclass
class Facts:
    """Everything one check run reads, fetched once."""

    register: Register
    controller: Controller | None
    purposes: list[Purpose]
    categories: list[CategoryRow]
    sources: list[Source]
    recipients: list[Recipient]
    joint_controllers: list[JointController]
    transfers: list[Transfer]
    retention: list[Retention]
    cookies: list[Cookie]
    reviews: dict[Key, dict[str, TranslationReview]]
    # What several rules derive from the same facts (every text of the register), made once.
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, register: Register, controller: Controller | None) -> Facts:
        if controller is None:
            controller = Controller.objects.order_by("pk").first()
        return cls(
            register=register,
            controller=controller,
            purposes=list(register.purposes.all()),
            categories=list(register.categories.all()),
            sources=list(register.sources.all()),
            recipients=list(register.recipients.all()),
            joint_controllers=list(register.joint_controllers.all()),
            transfers=list(register.transfers.all()),
            retention=_retention(register),
            cookies=list(register.cookies.all()),
            reviews=marks(register),
        )

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.register.languages or ())

    @property
    def art13(self) -> bool:
        return bool(self.register.collected_from_subject)

    @property
    def art14(self) -> bool:
        """Art. 14 applies as soon as any data comes from somewhere else than the person."""
        return not self.register.collected_from_subject or bool(self.sources)

    @property
    def bases(self) -> set[str]:
        return {p.basis for p in self.purposes if p.basis}

    @property
    def consent_basis(self) -> bool:
        return LegalBasis.CONSENT in self.bases

    @property
    def has_children(self) -> bool:
        return any(group in CHILD_GROUPS for group in self.register.subject_groups or ())

    def special_rows(self) -> Iterator[tuple[int, CategoryRow]]:
        for index, row in enumerate(self.categories):
            if row.special:
                yield index, row

    def covered_by(self, rule: Retention) -> set[int]:
        """The pks of the register's categories that a retention rule names."""
        return {category.pk for category in rule.categories.all()}


def _retention(register: Register) -> list[Retention]:
    """The retention rules with the categories each covers, from the page's prefetch if it has
    them (a section page does), else in two queries."""
    cached = getattr(register, "_prefetched_objects_cache", {}).get("retention")
    if cached is not None and all(
        "categories" in getattr(rule, "_prefetched_objects_cache", {}) for rule in cached
    ):
        return list(cached)
    return list(register.retention.prefetch_related("categories"))


def text_anchor(name: str, prefix: str = "", index: int | None = None, position: int = 0) -> str:
    """The input of one language of a translated field (MultiWidget numbers them from 0)."""
    return f"{field_anchor(name, prefix, index)}_{position}"
