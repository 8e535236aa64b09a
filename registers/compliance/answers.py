"""Rules for the questions whose answer becomes a sentence: unanswered, they block publishing.

A notice never words a default. Each question starts as "not answered yet", the document says
nothing about it, and one of these errors links to the question until someone answers it.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.compliance.base import (
    Facts,
    Severity,
    Violation,
    field_anchor,
    label,
    row_name,
    rule,
)
from registers.models import Purpose
from registers.vocabulary import PROVISION_BASES, ConsentMethod, LegalBasis

E = Severity.ERROR


@rule(
    "SEL-ANSWER-PROVISION",
    E,
    "GDPR 13(2)(e)",
    gettext_lazy("Purposes under a contract or a law say whether the data must be provided"),
    (
        "Art. 13(2)(e) asks whether providing the data is a statutory or contractual "
        "requirement and whether the person is obliged to provide it. The question arises "
        "for purposes based on a contract (6(1)(b)) or a legal obligation (6(1)(c)); only the "
        "controller knows the answer, and a default would be a statement nobody made, so "
        "publishing waits for an answer per such purpose."
        " An error: it is a required item of Art. 13(2)(e)."
    ),
)
def answer_provision(facts: Facts) -> Iterator[Violation]:
    if not facts.art13:
        return
    for index, purpose in enumerate(facts.purposes):
        if purpose.basis in PROVISION_BASES and not purpose.requirement:
            name = label(purpose.description, row_name(Purpose, index))
            yield Violation(
                _("Answer whether the person must provide the data for “%(purpose)s”.")
                % {"purpose": name},
                "purposes",
                field_anchor("requirement", "purposes", index),
            )


@rule(
    "SEL-ANSWER-COLLECTED",
    E,
    "GDPR 14(2)(f), 13(1)",
    gettext_lazy("The notice says whether data is collected from the people themselves"),
    (
        "Whether Art. 13, Art. 14 or both apply depends on where the data comes from. "
        "Saying 'collected from you' without the controller having said so would be a "
        "statement nobody made."
        " An error: unanswered, neither the checker nor the notice can tell whether Art. 13, "
        "Art. 14 or both apply, nor whether a source must be stated (14(2)(f))."
    ),
)
def answer_collected(facts: Facts) -> Iterator[Violation]:
    if facts.register.collected_from_subject is None:
        yield Violation(
            _("Answer whether the data is collected from the people themselves."),
            "sources",
            field_anchor("collected_from_subject"),
        )


@rule(
    "SEL-ANSWER-RECIPIENTS",
    E,
    "GDPR 13(1)(e), 14(1)(e)",
    gettext_lazy("The notice says whether anyone receives the data"),
    (
        "Recipients, processors included, are an item of Art. 13(1)(e). An empty list is "
        "not an answer: the notice says 'not disclosed' only when the controller said so."
        " An error: the item is required (Art. 13(1)(e), 14(1)(e)), and unanswered the notice "
        "would be silent on it or say what nobody said."
    ),
)
def answer_recipients(facts: Facts) -> Iterator[Violation]:
    if not facts.recipients and facts.register.has_recipients is None:
        yield Violation(
            _(
                "Answer whether the data is disclosed to anyone or processed by service "
                "providers (for example IT, email or accounting services)."
            ),
            "recipients",
            field_anchor("has_recipients"),
        )


@rule(
    "SEL-ANSWER-TRANSFERS",
    E,
    "GDPR 13(1)(f), 14(1)(f)",
    gettext_lazy("The notice says whether data leaves the EU/EEA"),
    (
        "A transfer to a third country is an item of Art. 13(1)(f). With no transfer rows "
        "the notice says 'not transferred' only when the controller said so."
        " An error: the item is required (Art. 13(1)(f), 14(1)(f)), and unanswered the notice "
        "would be silent on it or say what nobody said."
    ),
)
def answer_transfers(facts: Facts) -> Iterator[Violation]:
    if not facts.transfers and facts.register.has_transfers is None:
        yield Violation(
            _("Answer whether data is transferred outside the EU/EEA."),
            "transfers",
            field_anchor("has_transfers"),
        )


@rule(
    "SEL-ANSWER-AUTOMATED",
    E,
    "GDPR 13(2)(f), 14(2)(g), 22",
    gettext_lazy("The notice says whether automated decisions are made"),
    (
        "Art. 13(2)(f) asks about automated decision-making, profiling included; readers "
        "expect the answer either way. 'None' is printed only when the controller said so."
        " An error: the item is required (Art. 13(2)(f), 14(2)(g)), and unanswered the notice "
        "would be silent on it or say what nobody said."
    ),
)
def answer_automated(facts: Facts) -> Iterator[Violation]:
    if facts.register.has_automated_decisions is None:
        yield Violation(
            _("Answer whether decisions are made by automated means only."),
            "automated",
            field_anchor("has_automated_decisions"),
        )


@rule(
    "SEL-ANSWER-RESPONSE-TIME",
    E,
    "GDPR 12(3)",
    gettext_lazy("The notice says when requests are answered"),
    (
        "Art. 12(3) gives one month, extendable; the time the controller commits to is "
        "its own promise and is printed only when it was entered."
        " An error: the notice prints this promise, and a default in its place would be a "
        "promise nobody made; Art. 12(3) is the limit it must keep."
    ),
)
def answer_response_time(facts: Facts) -> Iterator[Violation]:
    if not facts.register.response_days:
        yield Violation(
            _("Enter within how many days requests are answered (the GDPR allows one month)."),
            "rights",
            field_anchor("response_days"),
        )


@rule(
    "SEL-ANSWER-EFFECTIVE-DATE",
    E,
    "GDPR 12(1), 5(2)",
    gettext_lazy("The notice has an effective date"),
    (
        "A reader and a supervisor need to know from when a notice applies (transparency, "
        "Art. 12(1), and accountability, Art. 5(2)). The publication date is not the same "
        "fact, so the date is asked, not assumed."
        " An error: the date is printed on every output, and a default in its place would be a "
        "statement nobody made."
    ),
)
def answer_effective_date(facts: Facts) -> Iterator[Violation]:
    if facts.register.effective_date is None:
        yield Violation(
            _("Enter the date from which this notice applies."),
            "rights",
            field_anchor("effective_date"),
        )


@rule(
    "SEL-ANSWER-CONSENT-METHOD",
    E,
    "GDPR 7(1), 4(11)",
    gettext_lazy("Each purpose on consent says how consent is asked"),
    (
        "Where processing rests on consent, the controller must be able to show that the "
        "person consented (Art. 7(1)), and consent is valid only as a clear affirmative act "
        "(Art. 4(11)). How it is asked is the controller's fact to state, per purpose."
        " An error: without it the notice cannot show that consent meets Art. 4(11) and 7(1), "
        "and a default would be a statement nobody made."
    ),
)
def answer_consent_method(facts: Facts) -> Iterator[Violation]:
    for index, purpose in enumerate(facts.purposes):
        if purpose.basis == LegalBasis.CONSENT and not purpose.consent_method:
            name = label(purpose.description, row_name(Purpose, index))
            yield Violation(
                _("Answer how consent is asked for “%(purpose)s”.") % {"purpose": name},
                "purposes",
                field_anchor("consent_method", "purposes", index),
            )


@rule(
    "SEL-CONSENT-IMPLIED",
    E,
    "GDPR 4(11), 7",
    gettext_lazy("Consent is not implied from using the site"),
    (
        "Consent is a freely given, specific, informed and unambiguous indication of wishes "
        "by a statement or a clear affirmative act (Art. 4(11)); silence, inactivity or "
        "carrying on using a site is none (Recital 32). 'By using the site you accept' is "
        "therefore not consent: ask for it, or rest the purpose on another basis."
        " An error: processing on consent that is not valid consent has no legal basis (Art. "
        "6(1)(a) with 4(11))."
    ),
)
def consent_implied(facts: Facts) -> Iterator[Violation]:
    for index, purpose in enumerate(facts.purposes):
        if purpose.basis == LegalBasis.CONSENT and purpose.consent_method == ConsentMethod.IMPLIED:
            name = label(purpose.description, row_name(Purpose, index))
            yield Violation(
                _(
                    "“%(purpose)s”: using the site or the service is not consent (GDPR Art. "
                    "4(11)). Ask people to agree by a clear act, such as ticking an empty box, "
                    "or choose the legal basis that really applies."
                )
                % {"purpose": name},
                "purposes",
                field_anchor("consent_method", "purposes", index),
            )
