"""Rules that cross-check the register against GDPR Art. 8, 9, 21(4), 26 and Finnish law."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.compliance.base import (
    Facts,
    Severity,
    Violation,
    field_anchor,
    filled,
    label,
    row_name,
    rule,
    text_anchor,
    texts,
)
from registers.compliance.wording import clauses, found, quoted, terms
from registers.models import CategoryRow, JointController, Purpose
from registers.vocabulary import (
    IDENTITY_CODE,
    LegalBasis,
    RecipientType,
    SpecialCondition,
)

E, W = Severity.ERROR, Severity.WARNING


def category_name(row: CategoryRow, index: int) -> str:
    if row.category:
        return str(row.get_category_display())
    return label(row.custom_name, row_name(CategoryRow, index))


def _consent_only(facts: Facts) -> bool:
    """Consent is the only Art. 6 basis of the register's purposes."""
    return facts.bases == {LegalBasis.CONSENT.value}


@rule(
    "SEL-SPECIAL-CONDITION",
    E,
    "GDPR 9(2)",
    gettext_lazy("Special categories name their Art. 9(2) condition"),
    (
        "Health, genetic, biometric, ethnic, political, religious, philosophical, "
        "trade-union and sex-life data may be processed only under one of the "
        "conditions of Art. 9(2), on top of an Art. 6 basis. A row is special when its "
        "category is one of these, when it is marked special, or when a 9(2) condition is "
        "chosen for it (the notice prints a chosen condition)."
        " An error: without a 9(2) condition the processing is prohibited by Art. 9(1), "
        "whatever the notice says."
    ),
)
def special_condition(facts: Facts) -> Iterator[Violation]:
    if _consent_only(facts):
        return  # SEL-SPECIAL-EXPLICIT-CONSENT says the same, more precisely
    for index, row in facts.special_rows():
        if row.special_condition not in SpecialCondition.values:
            yield Violation(
                _(
                    "“%(category)s” is a special category of data: choose the Art. 9(2) condition "
                    "that allows processing it."
                )
                % {"category": category_name(row, index)},
                "categories",
                field_anchor("special_condition", "categories", index),
            )


# Words that betray data about health (Art. 9(1)). "Special needs" (erityistarpeet) in service
# situations are largely disabilities and illnesses.
HEALTH = terms(
    en=(
        "health, ~medical, ~diagnos, ~disabilit, ~allerg, ~illness, disease*, special need*,"
        " medication*"
    ),
    fi=(
        "~terveys, ~terveyd, ~sairau, ~diagnoo, ~vamma, ~päihte, ~lääkity, ~allergi, ~erityistarpe,"
        " ~erityisruokavali"
    ),
    sv="~hälso, ~hälsa, ~sjukdom, ~funktionsneds, ~allergi, särskild* behov",
)
# Health care as a sector (a customer's employer, a health centre) is not data about health.
NOT_HEALTH = ("terveydenhuol", "terveyskesk", "healthcare", "hälso- och sjukvård")


def health_words(text: str, language: str, *, relative: bool = False) -> list[str]:
    """The health words of clauses that are not negated; relative clauses only if asked."""
    vocabulary = HEALTH.get(language)
    if vocabulary is None:
        return []
    hits = [
        hit
        for clause in clauses(text, language)
        if not clause.negated and (relative or not clause.relative)
        for hit in vocabulary.find(clause)
        if not hit.startswith(NOT_HEALTH)
    ]
    return list(dict.fromkeys(hits))


def _row_health_words(row: CategoryRow) -> list[str]:
    """Health words in what the row is (its own name) and what it holds (its details), said of
    the data itself: not negated, not in a relative clause about other people or things."""
    hits: list[str] = []
    for value in (row.custom_name, row.details):
        for language, text in texts(value).items():
            hits += health_words(text, language)
    return hits


@rule(
    "SEL-SPECIAL-UNMARKED",
    W,
    "GDPR 9(1)",
    gettext_lazy("Health data described in words is marked special"),
    (
        'A category the register names in its own words ("allergies", "special needs") can '
        "be health data without being marked special, and then no Art. 9(2) condition is asked "
        "for. The checker reads each category's own name and details (not a negated clause, "
        "nor a relative clause about other people), and, when no category is marked special, "
        "the purposes. A warning, not an error: only the controller knows whether the words "
        "describe health data (Art. 9(1)); once it is marked special, SEL-SPECIAL-CONDITION "
        "blocks publishing until the Art. 9(2) condition is chosen."
    ),
)
def special_unmarked(facts: Facts) -> Iterator[Violation]:
    for index, row in enumerate(facts.categories):
        if row.special:
            continue
        if _row_health_words(row):
            yield Violation(
                _(
                    "“%(category)s” seems to describe health data: if it does, mark it as a "
                    "special category and choose its Art. 9(2) condition."
                )
                % {"category": category_name(row, index)},
                "categories",
                field_anchor("is_special", "categories", index),
            )
    if any(True for _ in facts.special_rows()):
        return
    yield from _purposes_speak_of_health(facts)


def _purposes_speak_of_health(facts: Facts) -> Iterator[Violation]:
    for index, purpose in enumerate(facts.purposes):
        hits = [
            hit
            for language, text in texts(purpose.description).items()
            for hit in health_words(text, language, relative=True)
        ]
        if hits:
            yield Violation(
                _(
                    "The purpose “%(purpose)s” speaks of health (%(words)s), but no data category "
                    "is marked special: mark the category that holds the health data and choose "
                    "its Art. 9(2) condition."
                )
                % {
                    "purpose": label(purpose.description, row_name(Purpose, index)),
                    "words": quoted(hits),
                },
                "categories",
            )
            return


@rule(
    "SEL-SPECIAL-EXPLICIT-CONSENT",
    E,
    "GDPR 9(2)(a)",
    gettext_lazy("Special categories on consent need explicit consent"),
    (
        "The model does not tie a data category to a purpose, so the checker reads the "
        "register as a whole: when consent (6(1)(a)) is the only basis of all purposes, "
        "special-category data rests on consent too, and plain consent is not enough. "
        "It must be explicit consent (9(2)(a)), or another 9(2) condition with the Art. "
        "6 basis that really applies."
        " An error: plain consent is no Art. 9(2) condition, so the processing would be "
        "prohibited by Art. 9(1)."
    ),
)
def special_explicit_consent(facts: Facts) -> Iterator[Violation]:
    if not _consent_only(facts):
        return
    for index, row in facts.special_rows():
        if row.special_condition != SpecialCondition.EXPLICIT_CONSENT:
            yield Violation(
                _(
                    "“%(category)s” is a special category and consent is the only legal basis: "
                    "plain consent is not enough. Choose explicit consent (Art. 9(2)(a)) and ask "
                    "for it explicitly, or the condition and basis that really apply."
                )
                % {"category": category_name(row, index)},
                "categories",
                field_anchor("special_condition", "categories", index),
            )


@rule(
    "SEL-CHILD-CONSENT-AGE",
    E,
    "GDPR 8(1); Tietosuojalaki 5 §",
    gettext_lazy("Children on consent: the age of consent is stated"),
    (
        "When children are data subjects and consent is a basis, the notice says from "
        "which age a child consents alone and below which a guardian consents. In "
        "Finland the age for information-society services is 13 (Data Protection Act "
        "1050/2018, section 5)."
        " An error: below that age a child's consent needs a guardian's (Art. 8(1)), so without"
        " it the consent basis the notice states may not hold."
    ),
)
def child_consent_age(facts: Facts) -> Iterator[Violation]:
    if facts.has_children and facts.consent_basis and facts.register.consent_age is None:
        yield Violation(
            _(
                "Children are data subjects and consent is a basis: state the age from "
                "which a child consents alone (13 in Finland, Data Protection Act "
                "section 5)."
            ),
            "basics",
            field_anchor("consent_age"),
        )


MARKETING = terms(
    en="~marketing, newsletter*",
    fi="~markkinoin, ~uutiskirje",
    sv="~marknadsför, ~nyhetsbrev",
)


@rule(
    "SEL-DIRECT-MARKETING",
    W,
    "GDPR 21(4)",
    gettext_lazy("Marketing purposes are marked as direct marketing"),
    (
        "A person can always object to direct marketing (Art. 21(2)-(3)), and the "
        "notice must bring that right to their attention explicitly and apart from "
        "other information (Art. 21(4)). Seloste does so for purposes marked as direct "
        "marketing, so a marketing purpose left unmarked loses that statement."
        ' A negated clause ("the data is not used for marketing") is no marketing purpose. A '
        "warning, not an error: only the controller knows whether a purpose that speaks of "
        "marketing is direct marketing; marked so, the statement of Art. 21(4) follows."
    ),
)
def direct_marketing(facts: Facts) -> Iterator[Violation]:
    for index, purpose in enumerate(facts.purposes):
        said = texts(purpose.description).items()
        if not purpose.is_direct_marketing and any(found(t, lang, MARKETING) for lang, t in said):
            name = label(purpose.description, row_name(Purpose, index))
            yield Violation(
                _(
                    "The purpose “%(purpose)s” speaks of marketing: if it is direct "
                    "marketing, mark it so, and the notice will state the right to object to it."
                )
                % {"purpose": name},
                "purposes",
                field_anchor("is_direct_marketing", "purposes", index),
            )


@rule(
    "SEL-JOINT-ESSENCE",
    E,
    "GDPR 26(2)",
    gettext_lazy("Joint controllers publish the essence of their arrangement"),
    (
        "Joint controllers make the essence of their arrangement available to the data "
        "subject: who informs, who answers requests, who does what."
        " An error: Art. 26(2) requires the essence to be made available to the data subject, "
        "and the notice is where the reader finds it."
    ),
)
def joint_essence(facts: Facts) -> Iterator[Violation]:
    for index, joint in enumerate(facts.joint_controllers):
        if not filled(joint.essence):
            name = joint.name or row_name(JointController, index)
            yield Violation(
                _(
                    "Describe the essence of the arrangement with the joint controller "
                    "“%(name)s”: who informs people and who answers their requests."
                )
                % {"name": name},
                "basics",
                text_anchor("essence", "joint_controllers", index),
            )


@rule(
    "SEL-JOINT-ARRANGEMENT",
    W,
    "GDPR 26(2)",
    gettext_lazy("A joint-controller recipient is described as a joint controller"),
    (
        "A recipient marked as a joint controller shares the responsibility; the "
        "notice then needs the joint controller and the essence of the arrangement."
        " A warning, not an error: the role may be a slip, and only the controller knows "
        "whether an arrangement under Art. 26 exists."
    ),
)
def joint_arrangement(facts: Facts) -> Iterator[Violation]:
    if facts.joint_controllers:
        return
    for index, recipient in enumerate(facts.recipients):
        if recipient.recipient_type == RecipientType.JOINT_CONTROLLER:
            name = recipient.name or label(recipient.description, str(index + 1))
            yield Violation(
                _(
                    "“%(recipient)s” is a joint controller: add it as a joint controller with the "
                    "essence of your arrangement."
                )
                % {"recipient": name},
                "basics",
            )


@rule(
    "SEL-IDENTITY-CODE",
    W,
    "Tietosuojalaki 29 §",
    gettext_lazy("The personal identity code has a stated need"),
    (
        "The Finnish personal identity code may be processed only on the conditions "
        "of the Data Protection Act 1050/2018, section 29: consent, a provision of law, "
        "or the need to identify the person unambiguously for a listed purpose. Section 29 "
        "is a condition of processing, not an item Art. 13 or 14 asks the notice to state, "
        "so a missing explanation is a warning: a statutory register (a patient register) "
        "is lawful without it, yet saying why the code is needed is good practice."
    ),
)
def identity_code(facts: Facts) -> Iterator[Violation]:
    uses_code = any(row.category == IDENTITY_CODE for row in facts.categories)
    if uses_code and not filled(facts.register.identity_code_need):
        yield Violation(
            _(
                "The personal identity code is processed: say why it is needed, on the "
                "grounds of the Data Protection Act 1050/2018, section 29."
            ),
            "categories",
            text_anchor("identity_code_need"),
        )
