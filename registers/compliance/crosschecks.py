"""Rules that cross-check the register against GDPR Art. 8, 9, 21(4), 26 and Finnish law."""

from __future__ import annotations

import re
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


# Words that, in a category's own name or details, betray data about health (Art. 9(1)).
# "Special needs" (erityistarpeet) in service situations are largely disabilities and illnesses.
HEALTH_WORDS = re.compile(
    r"(?<!\w)(?:health|medical|diagnos\w*|disabilit\w*|allerg\w*|illness\w*|diseases?|"
    r"special\s+needs|terveys\w*|terveyd\w*|sairau\w*|diagnoo\w*|vamma\w*|päihte\w*|"
    r"lääki\w*|erityistarpe\w*|erityisruokavali\w*|hälso\w*|sjukdom\w*|funktionsneds\w*|"
    r"särskilda\s+behov)(?!\w)",
    re.IGNORECASE,
)


@rule(
    "SEL-SPECIAL-UNMARKED",
    W,
    "GDPR 9(1)",
    gettext_lazy("Health data described in words is marked special"),
    (
        'A category the register names in its own words ("allergies", "special needs") can '
        "be health data without being marked special, and then no Art. 9(2) condition is asked "
        "for. The checker looks for health words in the names and details of categories that "
        "are not marked special."
    ),
)
def special_unmarked(facts: Facts) -> Iterator[Violation]:
    for index, row in enumerate(facts.categories):
        if row.special:
            continue
        words = " ".join([*texts(row.custom_name).values(), *texts(row.details).values()])
        if HEALTH_WORDS.search(words):
            yield Violation(
                _(
                    "“%(category)s” seems to describe health data: if it does, mark it as a "
                    "special category and choose its Art. 9(2) condition."
                )
                % {"category": category_name(row, index)},
                "categories",
                field_anchor("is_special", "categories", index),
            )


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


_MARKETING = re.compile(
    r"(?<!\w)(?:\w*marketing|\w*markkinoin\w*|\w*marknadsför\w*|newsletters?|uutiskirje\w*|"
    r"nyhetsbrev\w*)(?!\w)",
    re.IGNORECASE,
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
    ),
)
def direct_marketing(facts: Facts) -> Iterator[Violation]:
    for index, purpose in enumerate(facts.purposes):
        words = " ".join(texts(purpose.description).values())
        if not purpose.is_direct_marketing and _MARKETING.search(words):
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
