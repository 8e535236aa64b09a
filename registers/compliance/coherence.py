"""Rules that read free text against the structured answers: what the rights paragraph says
against the rights Seloste derives, and what the sources say against the data categories."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.compliance.base import (
    Facts,
    Severity,
    Violation,
    label,
    language_name,
    rule,
    text_anchor,
    texts,
)
from registers.compliance.wording import Clause, Terms, clauses, quoted, stem, terms, words
from registers.models import Source
from registers.vocabulary import LegalBasis, Right, SpecialCondition, rights_for

W = Severity.WARNING

# The words that name each right a notice derives, in the rights paragraph's languages.
RIGHT_WORDS: dict[Right, dict[str, Terms]] = {
    # Phrases, not "access" or "correct" alone: "no one else has access" denies no right.
    Right.ACCESS: terms(
        en="right of access, access request*, request* access, inspect*",
        fi="tarkastaa*, tarkistaa*, ~tarkastus",
        sv="rätt till tillgång, ~registerutdrag, insyn",
    ),
    Right.RECTIFICATION: terms(
        en="rectif*, correction*", fi="oikaista, oikais*, korjata, korjaa*", sv="rätta*, rättelse*"
    ),
    Right.ERASURE: terms(
        en="eras*, delet*, remov*", fi="poistaa*, poisto*, ~poisto", sv="radera*, ~radering"
    ),
    Right.RESTRICTION: terms(en="restrict*", fi="rajoittaa*, ~rajoitta", sv="begränsa*"),
    Right.PORTABILITY: terms(
        en="portab*", fi="~siirrettävyy, ~siirto-oikeu", sv="~dataportabilitet, flytta*"
    ),
    Right.OBJECTION: terms(en="object*", fi="vastustaa*", sv="invända*, ~invändning"),
    Right.WITHDRAW_CONSENT: terms(en="withdraw*", fi="peruuttaa*, perua, perum*", sv="återkalla*"),
    Right.COMPLAINT: terms(
        en="complain*, complaint*", fi="valitus, valituksen, ~kantelu", sv="klaga*, ~klagomål"
    ),
}
# "Another law overrides erasure" denies the right as surely as "no right to erasure".
OVERRIDES = terms(
    en="overrid*, preced*, prevail*, supersed*",
    fi="ohittaa*, ~edelle",
    sv="går före, företräde*",
)
# A sentence that says when or for what data a right gives way states a lawful exception
# (Art. 17(3), 18(2), 21(1)), not a denial of the right.
EXCEPTIONS = terms(
    en="unless, except*, if, when, where, until, before, only, insofar, extent, while",
    fi=(
        "=ellei, =elleivät, =paitsi, =jos, =kun, =kunnes, =ennen, =vain, =ainoastaan, =osin,"
        " =sikäli, =mikäli"
    ),
    sv="om, utom, förutom, såvida, när, tills, innan, endast, bara, mån",
)


def _derived(facts: Facts) -> set[Right]:
    bases = [b for b in facts.bases if b in LegalBasis.values]
    bases += [c.special_condition for c in facts.categories if c.special_condition]
    bases = [b for b in bases if b in LegalBasis.values or b in SpecialCondition.values]
    marketing = any(p.is_direct_marketing for p in facts.purposes)
    return set(rights_for(bases, direct_marketing=marketing))


def _denied(sentence: list[Clause], language: str) -> list[str]:
    """The rights words of clauses that deny them, unless the sentence names an exception."""
    if any(clause in EXCEPTIONS[language] for clause in sentence):
        return []
    return [
        f"{right.value}:{hit}"
        for clause in sentence
        if clause.negated or clause in OVERRIDES[language]
        for right, words in RIGHT_WORDS.items()
        if language in words
        for hit in words[language].find(clause)
    ]


def denied_rights(text: str, language: str) -> list[tuple[Right, str]]:
    """(right, words) for each sentence of the text that denies a right outright."""
    if language not in EXCEPTIONS:
        return []
    sentences: dict[int, list[Clause]] = {}
    for clause in clauses(text, language):
        sentences.setdefault(clause.sentence, []).append(clause)
    hits = []
    for sentence in sentences.values():
        for item in _denied(sentence, language):
            code, words = item.split(":", 1)
            hits.append((Right(code), words))
    return list(dict.fromkeys(hits))


@rule(
    "SEL-RIGHTS-CONTRADICTION",
    W,
    "GDPR 13(2)(b)-(c), 14(2)(c)-(d), 12(1)",
    gettext_lazy("The rights paragraph does not deny a right the notice states"),
    (
        "Seloste states the rights that follow from the legal bases (Art. 13(2)(b)-(c)); a "
        "rights paragraph saying that one of them does not exist, or that another law overrides "
        "it outright, contradicts that statement and misleads the reader (Art. 12(1)). The "
        "checker reads the paragraph sentence by sentence for a negated or overridden right the "
        "register has; a sentence that names an exception (unless, until, for what data) states "
        "a lawful limit (Art. 17(3), 23) and passes. A warning, not an error: a lawful limit "
        "can be worded in ways the checker cannot tell from a denial, and the derived statement "
        "of the right is printed either way."
    ),
)
def rights_contradiction(facts: Facts) -> Iterator[Violation]:
    derived = _derived(facts)
    for language, text in texts(facts.register.rights_channel).items():
        denied = [hit for hit in denied_rights(text, language) if hit[0] in derived]
        if denied:
            yield Violation(
                _(
                    "The text on exercising the rights (%(language)s) denies a right the notice "
                    "states (%(words)s): remove the sentence, or say when or for which data the "
                    "right gives way."
                )
                % {"language": language_name(language), "words": quoted(w for _r, w in denied)},
                "rights",
                text_anchor("rights_channel", position=_position(facts, language)),
            )


def _position(facts: Facts, language: str) -> int:
    return facts.languages.index(language) if language in facts.languages else 0


# Words every category and source shares, which say nothing about which data it is.
_GENERIC = {
    "fi": "tieto, tiedot, tietoja, henkilötiedot, henkilötietoja, muut, sekä, koskevat",
    "en": "data, information, personal, details, other, their",
    "sv": "uppgifter, personuppgifter, information, övriga, andra",
}


@cache
def _generic(language: str) -> frozenset[str]:
    listed = [w.strip() for w in _GENERIC.get(language, "").split(",")]
    return frozenset([*listed, *(stem(w, language) for w in listed)])


def _category_words(facts: Facts, language: str) -> set[str]:
    """The stems (and words) of the names of the register's categories in this language."""
    found: set[str] = set()
    with translation.override(language):
        for row in facts.categories:
            # The category's name only: its details ("orders of our services") name other things.
            named = [str(row.get_category_display()) if row.category else ""]
            named.append(texts(row.custom_name).get(language, ""))
            for word in words(" ".join(named), language):
                found |= {form for form in (word.stem, word.lower) if len(form) >= 4}
    return found - _generic(language)


def _names_data(facts: Facts, source: Source) -> bool:
    for language, text in texts(source.description).items():
        named = _category_words(facts, language)
        if any(form in word.lower for word in words(text, language) for form in named):
            return True
    return False


@rule(
    "SEL-SOURCE-CATEGORIES",
    W,
    "GDPR 14(1)(d), 14(2)(f)",
    gettext_lazy("A public or other source says which data comes from it"),
    (
        "When data comes from a public register or another source than the person, Art. 14 "
        "asks for the categories of data (14(1)(d)) and the source (14(2)(f)); a reader learns "
        "which of their data came from where only when the source says it. The model does not "
        "link a source to categories, so the checker reads the source's own words for the name "
        "of one of the register's categories (a source marked publicly accessible, "
        "or every source when the data is not collected from the people themselves). A warning, "
        "not an error: Art. 14 is met by listing both, and the link is what makes it useful."
    ),
)
def source_categories(facts: Facts) -> Iterator[Violation]:
    if not facts.categories:
        return  # SEL-CATEGORIES asks for the categories first
    for index, source in enumerate(facts.sources):
        other = source.publicly_available or facts.register.collected_from_subject is False
        if other and not _names_data(facts, source):
            yield Violation(
                _(
                    "The source “%(source)s” does not say which data comes from it: name the "
                    "categories obtained there (for example: addresses from a public register)."
                )
                % {"source": label(source.description, str(index + 1))},
                "sources",
                text_anchor("description", "sources", index, _position(facts, "")),
            )
