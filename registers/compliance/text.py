"""Rules about the languages of the words (GDPR Art. 12(1)): every language filled, translated,
and none left behind when another language of the same text changed.

They read every TranslatedTextField of the register and of its rows, in every language, as the
scans of ``text_scans`` do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.compliance.base import (
    Facts,
    Severity,
    Violation,
    field_anchor,
    language_name,
    row_name,
    rule,
    text_anchor,
    texts,
)
from registers.models import Register
from registers.review import Key
from registers.translated import TranslatedTextField

E, W = Severity.ERROR, Severity.WARNING

# Editor section of each translated field of the register itself.
REGISTER_SECTIONS = {
    "name": "basics",
    "introduction": "basics",
    "other_subject_groups": "basics",
    "identity_code_need": "categories",
    "automated_logic": "automated",
    "automated_consequences": "automated",
    "security": "security",
    "rights_channel": "rights",
}
# Row formset prefix (the related name) -> editor section.
ROW_SECTIONS = {
    "purposes": "purposes",
    "categories": "categories",
    "sources": "sources",
    "recipients": "recipients",
    "joint_controllers": "basics",
    "transfers": "transfers",
    "retention": "retention",
    "cookies": "cookies",
}
# Conditionally required fields that a rule of their own reports when empty.
_OWN_RULE = {("joint_controllers", "essence")}


@dataclass(frozen=True)
class Text:
    """One translated text field of the register or of one of its rows."""

    section: str
    where: str
    name: str
    verbose: str
    prefix: str
    index: int | None
    value: dict[str, str]
    required: bool
    row_id: int | None = None

    @property
    def key(self) -> Key:
        return (self.prefix, self.row_id, self.name)

    def anchor(self, facts: Facts, language: str = "") -> str:
        position = facts.languages.index(language) if language in facts.languages else 0
        return text_anchor(self.name, self.prefix, self.index, position)

    def describe(self, language: str) -> dict[str, str]:
        return {"where": self.where, "field": self.verbose, "language": language_name(language)}


def _fields(model: type[models.Model]) -> Iterator[TranslatedTextField]:
    for f in model._meta.get_fields():
        if isinstance(f, TranslatedTextField):
            yield f


def translated_texts(facts: Facts) -> list[Text]:
    """Every translated text of the register and its rows; several rules read them all."""
    if "texts" not in facts.derived:
        facts.derived["texts"] = list(_translated_texts(facts))
    texts: list[Text] = facts.derived["texts"]
    return texts


def _translated_texts(facts: Facts) -> Iterator[Text]:
    register = facts.register
    for f in _fields(Register):
        yield Text(
            REGISTER_SECTIONS.get(f.name, "basics"),
            str(Register._meta.verbose_name).capitalize(),
            f.name,
            str(f.verbose_name),
            "",
            None,
            texts(getattr(register, f.name)),
            not f.blank,
        )
    for prefix, section in ROW_SECTIONS.items():
        rows: list[Any] = getattr(facts, prefix)
        if not rows:
            continue
        # The same for every row of the list: translated once, not once per row and field.
        model = type(rows[0])
        fields = [
            (f, str(f.verbose_name), not f.blank and (prefix, f.name) not in _OWN_RULE)
            for f in _fields(model)
        ]
        for index, row in enumerate(rows):
            name = row_name(model, index)
            for f, verbose, required in fields:
                yield Text(
                    section,
                    name,
                    f.name,
                    verbose,
                    prefix,
                    index,
                    texts(getattr(row, f.name)),
                    required,
                    row.pk,
                )


@rule(
    "SEL-LANGUAGES",
    E,
    "GDPR 12(1)",
    gettext_lazy("The notice has at least one language"),
    (
        "A notice is published in the languages its readers use; a register with no "
        "language chosen has nothing to publish."
        " An error: there is no notice to publish (Art. 12(1))."
    ),
)
def languages(facts: Facts) -> Iterator[Violation]:
    if not facts.languages:
        yield Violation(
            _("Choose the languages the notice is published in."),
            "basics",
            field_anchor("languages"),
        )


@rule(
    "SEL-TEXT-REQUIRED",
    E,
    "GDPR 12(1)",
    gettext_lazy("Required texts are written"),
    (
        "The register's name and each row's own text (a purpose, a source, a recipient, "
        "what a retention rule covers, a cookie's purpose and duration) are what the "
        "notice says; an imported draft can lack them."
        " An error: the empty text is the item itself, so an Art. 13 or 14 item would be "
        "printed without its words."
    ),
)
def text_required(facts: Facts) -> Iterator[Violation]:
    for text in translated_texts(facts):
        if text.required and not text.value:
            language = facts.languages[0] if facts.languages else ""
            yield Violation(
                _("%(where)s: write “%(field)s”.") % text.describe(language),
                text.section,
                text.anchor(facts, language),
            )


@rule(
    "SEL-TEXT-UNTRANSLATED",
    E,
    "GDPR 12(1)",
    gettext_lazy("Every text is written in every language of the notice"),
    (
        "A notice published in Swedish with one paragraph in Finnish only is not "
        "intelligible to its Swedish readers. Any field written in one language must "
        "be written in all the register's languages."
        " An error: a reader of that language would get part of the notice in a language they "
        "may not read, which is not intelligible information (Art. 12(1))."
    ),
)
def text_untranslated(facts: Facts) -> Iterator[Violation]:
    for text in translated_texts(facts):
        if not text.value:
            continue
        for language in facts.languages:
            if language not in text.value:
                yield Violation(
                    _("%(where)s: “%(field)s” has no text in this language: %(language)s.")
                    % text.describe(language),
                    text.section,
                    text.anchor(facts, language),
                )


def stale_texts(facts: Facts) -> Iterator[tuple[Text, str, Any]]:
    """Each written text in a language of the notice whose mark "to review" is still open."""
    for text in translated_texts(facts):
        for language, review in facts.reviews.get(text.key, {}).items():
            if language in text.value and language in facts.languages:
                yield text, language, review


@rule(
    "SEL-TEXT-STALE",
    E,
    "GDPR 12(1)",
    gettext_lazy("No translation is left behind a change"),
    (
        "Art. 12(1) asks for information that is clear and accurate in every language the "
        "notice is published in. When one language of a text changes, the other languages "
        "may no longer say the same; each stays to review until someone edits it or confirms "
        "that it still says the same."
        " An error: a published language that may say something else is not the clear and "
        "accurate information Art. 12(1) requires."
    ),
)
def text_stale(facts: Facts) -> Iterator[Violation]:
    for text, language, review in stale_texts(facts):
        changed = ", ".join(language_name(code) for code in review.changed)
        yield Violation(
            _(
                "%(where)s: “%(field)s” in %(language)s is to review, as the text changed in "
                "%(changed)s. Edit it or confirm the translation."
            )
            % {**text.describe(language), "changed": changed},
            text.section,
            text.anchor(facts, language),
            language,
        )


def to_review_by_language(
    languages: Iterable[str], checklist: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The checklist's translations to review, grouped by language in the register's order."""
    stale = [item for item in checklist if item["finding"].code == "SEL-TEXT-STALE"]
    groups = []
    for code in languages:
        items = [item for item in stale if item["finding"].language == code]
        if items:
            groups.append({"language": code, "name": language_name(code), "items": items})
    return groups
