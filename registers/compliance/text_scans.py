"""Rules that scan free text in every language for words that hide what happens (Art. 12(1)):
vague qualifiers, open-ended retention, access limits, processor disclaimers, repealed acts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.compliance.base import (
    Facts,
    Severity,
    Violation,
    rule,
)
from registers.compliance.text import Text, translated_texts
from registers.compliance.wording import clauses, quoted, terms

E, W = Severity.ERROR, Severity.WARNING


def _pattern(*words: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


# WP260 (paragraph 13) names "may", "might", "some", "often" and "possible" as qualifiers that
# leave the reader guessing; these are their usual equivalents in our three languages.
HEDGES = terms(
    # "may" in lower case only, so that the month of May is not taken for a hedge.
    en="=may, might, some, often, possible, possibly, perhaps, occasionally",
    # Uninflected adverbs and verb forms, so exact words: "saattaa" is not "saat" (you get).
    fi=(
        "=saattaa, =Saattaa, =saattavat, =saatamme, =voi =olla, =voivat =olla, =voidaan, =Voidaan,"
        " =mahdollisesti, =Mahdollisesti, =joitakin, =joitain, =usein, =Usein, =tarvittaessa,"
        " =Tarvittaessa"
    ),
    # Plain "kan" is also "can" ("du kan begära"): only "kan komma att" is the hedge.
    sv="kan komma att, kanske, eventuellt, vissa, ibland, ofta, möjligen, möjligtvis",
)
# A modal hedge whose verb is the person's own request is a right, not vagueness about
# processing:
# "tiedot voidaan pyytää" (the data can be requested), "you may withdraw your consent".
OWN_ACTIONS = terms(
    en=(
        "request*, ask*, withdraw*, object*, complain*, contact*, unsubscrib*, opt out,"
        " exercis*, lodg*, obtain*"
    ),
    fi=(
        "pyytää*, vaatia, vaatim*, perua, perum*, peruuttaa*, kieltää, kieltäyty*, tarkastaa*,"
        " tarkistaa*, valittaa, vastustaa*, ottaa yhteyttä"
    ),
    sv="begära*, återkalla*, invända*, klaga*, kontakta*, avregistrera*, avsluta*",
)
# Only modal verbs govern a verb: "possibly request" stays a hedge.
MODALS = {"en": {"may", "might"}, "fi": {"voidaan"}, "sv": {"kan komma att"}}
# ... unless the one who may is the controller: "we may ask for proof of identity".
CONTROLLER = terms(
    en="we, controller, company",
    fi="me, rekisterinpitäjä*, yritys*",
    sv="vi, personuppgiftsansvarig*, företaget",
)


def hedges(text: str, language: str) -> list[str]:
    """The hedges of the text, leaving out modals whose verb is the person's own request."""
    return list(_hedges(text, language))


@lru_cache(maxsize=8192)  # the same texts are read again on every page of the editor
def _hedges(text: str, language: str) -> tuple[str, ...]:
    vague, own, ours = HEDGES.get(language), OWN_ACTIONS.get(language), CONTROLLER.get(language)
    if vague is None or own is None or ours is None:
        return ()
    hits = []
    for clause in clauses(text, language):
        for start, hit in vague.positions(clause):
            after = [s for s, _ in own.positions(clause) if s > start]
            before = [s for s, _ in ours.positions(clause) if s < start]
            modal = hit in MODALS.get(language, set())
            if not (modal and after and not before):
                hits.append(hit)
    return tuple(dict.fromkeys(hits))


REPEALED_ACT = _pattern(
    r"henkilötietolai\w*",
    r"henkilötietolaki",
    r"523/1999",
    r"523/99",
    r"personuppgiftslag\w*",
    r"personal\s+data\s+act",
)
ACCESS_LIMIT = _pattern(
    r"once\s+(?:a|per|every)\s+(?:year|12\s+months)",
    r"one\s+time\s+(?:a|per)\s+year",
    r"kerran\s+(?:vuodessa|vuoden\s+aikana|vuosittain)",
    r"en\s+gång\s+(?:per|om|i)\s+året",
    r"en\s+gång\s+per\s+år",
    r"en\s+gång\s+årligen",
)
DISCLAIMER = _pattern(
    r"not\s+(?:be\s+)?(?:responsible|liable)",
    r"no\s+(?:responsibility|liability)",
    r"ei\s+vastaa",
    r"eivät\s+vastaa",
    r"ei\s+ole\s+vastuussa",
    r"ei\s+ota\s+vastuuta",
    r"vastuuta\s+ei",
    r"ansvarar\s+(?:inte|ej)",
    r"inte\s+ansvarig\w*",
    r"(?:tar|bär)\s+inget\s+ansvar",
)
INDEFINITE = _pattern(
    # Adverbs and set phrases only: "permanent address" is a kind of data, not a period.
    r"indefinite(?:ly)?",
    r"permanently",
    r"forever",
    r"without\s+(?:a\s+)?time\s+limit",
    r"toistaiseksi",
    r"pysyvästi",
    r"ikuisesti",
    r"rajattomasti",
    r"määräämättömän\s+ajan",
    r"tills\s+vidare",
    r"för\s+alltid",
    r"på\s+obestämd\s+tid",
    r"utan\s+tidsgräns",
)


@lru_cache(maxsize=16384)  # the same texts are scanned again on every page of the editor
def _hits(pattern: re.Pattern[str], text: str) -> str:
    found = dict.fromkeys(match.group(0).lower() for match in pattern.finditer(text))
    return ", ".join(f"“{word}”" for word in found)


def scan(
    facts: Facts, pattern: re.Pattern[str], *, only: str = ""
) -> Iterator[tuple[Text, str, str]]:
    """(text, language, words found) for every text in which the pattern occurs."""
    for text in translated_texts(facts):
        if only and text.prefix != only:
            continue
        for language, words in text.value.items():
            hits = _hits(pattern, words)
            if hits:
                yield text, language, hits


def found_in_text(facts: Facts, pattern: re.Pattern[str], message: str) -> Iterator[Violation]:
    """A violation for every text holding the pattern; ``message`` takes where, field, language
    and words."""
    for text, language, hits in scan(facts, pattern):
        yield Violation(
            message % {**text.describe(language), "words": hits},
            text.section,
            text.anchor(facts, language),
        )


@rule(
    "SEL-RETENTION-INDEFINITE",
    E,
    "GDPR 13(2)(a), 14(2)(a), 5(1)(e)",
    gettext_lazy("No data is kept indefinitely"),
    (
        '"Indefinitely" is neither a period nor a criterion, and keeping data longer '
        "than needed breaks the storage limitation principle. Say when the data is "
        "deleted or what decides it."
        " An error although the checker reads words: in a retention row they can only be the "
        "answer to Art. 13(2)(a), and that answer is no period."
    ),
)
def retention_indefinite(facts: Facts) -> Iterator[Violation]:
    for text, language, hits in scan(facts, INDEFINITE, only="retention"):
        yield Violation(
            _(
                "%(where)s (%(language)s) keeps data without an end (%(words)s): give a period or "
                "the event that ends it."
            )
            % {**text.describe(language), "words": hits},
            text.section,
            text.anchor(facts, language),
        )


@rule(
    "SEL-VAGUE-WORDS",
    W,
    "GDPR 12(1)",
    gettext_lazy("No vague qualifiers"),
    (
        'The transparency guidelines (WP260) warn that words such as "may", "might", '
        '"some", "often" and "possible" leave the reader unable to tell what '
        "actually happens. Say what you do, with what data, to whom and when."
        ' A modal hedge whose verb is the person\'s own request ("tiedot voidaan pyytää", "you '
        'may withdraw") states a right and is left alone, unless the one who may is the '
        "controller. A warning, not an error: the checker reads words, the items are answered, "
        "and only the author can say it more exactly (Art. 12(1))."
    ),
)
def vague_words(facts: Facts) -> Iterator[Violation]:
    for text in translated_texts(facts):
        for language, words in text.value.items():
            hits = hedges(words, language)
            if hits:
                yield Violation(
                    _(
                        "%(where)s, “%(field)s” (%(language)s): vague words %(words)s. Say exactly "
                        "what you do."
                    )
                    % {**text.describe(language), "words": quoted(hits)},
                    text.section,
                    text.anchor(facts, language),
                )


@rule(
    "SEL-ACCESS-LIMIT",
    W,
    "GDPR 12(5), 15",
    gettext_lazy("Access requests are not rationed"),
    (
        "The right of access has no yearly quota. Only manifestly unfounded or excessive "
        "requests may be refused or charged for, case by case (Art. 12(5)); a notice "
        'promising access "once a year" misstates the right.'
        " A warning, not an error: the checker reads words, and the right of access (Art. 15) "
        "is stated in full either way; the limit should still go."
    ),
)
def access_limit(facts: Facts) -> Iterator[Violation]:
    return found_in_text(
        facts,
        ACCESS_LIMIT,
        _(
            "%(where)s, “%(field)s” (%(language)s) limits requests (%(words)s). The GDPR "
            "sets no such limit: remove it."
        ),
    )


@rule(
    "SEL-PROCESSOR-DISCLAIMER",
    W,
    "GDPR 24, 28",
    gettext_lazy("The controller does not disclaim its processors"),
    (
        "The controller answers for the processing it has a processor carry out (Art. "
        "24 and 28). Saying that it is not responsible for its subcontractors misleads "
        "the reader."
        " A warning, not an error: the checker reads words, and the disclaimer misstates the "
        "responsibility of Art. 24 and 28 but removes no item of Art. 13 or 14."
    ),
)
def processor_disclaimer(facts: Facts) -> Iterator[Violation]:
    return found_in_text(
        facts,
        DISCLAIMER,
        _(
            "%(where)s, “%(field)s” (%(language)s) disclaims responsibility (%(words)s). The "
            "controller answers for its processors: remove the disclaimer."
        ),
    )


@rule(
    "SEL-REPEALED-ACT",
    W,
    "Tietosuojalaki 1050/2018",
    gettext_lazy("No reference to the repealed Personal Data Act"),
    (
        "The Personal Data Act (henkilötietolaki 523/1999) was repealed when the Data "
        "Protection Act 1050/2018 took effect on 1 January 2019. A notice citing it "
        "is out of date; cite the GDPR and the Data Protection Act instead."
        " A warning, not an error: the reference is out of date, but it removes no item of Art."
        " 13 or 14 from the notice."
    ),
)
def repealed_act(facts: Facts) -> Iterator[Violation]:
    return found_in_text(
        facts,
        REPEALED_ACT,
        _(
            "%(where)s, “%(field)s” (%(language)s) cites the repealed Personal Data Act "
            "(%(words)s): refer to the GDPR and the Data Protection Act 1050/2018."
        ),
    )
