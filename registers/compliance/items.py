"""Rules for GDPR Art. 13(1)(a)-(e) and 14(1)(a)-(e): who, why, what data and to whom."""

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
)
from registers.models import Purpose
from registers.vocabulary import (
    LegalBasis,
    is_eea,
)

E, W = Severity.ERROR, Severity.WARNING
A1A = "GDPR 13(1)(a), 14(1)(a)"

# --- 13(1)(a) / 14(1)(a): who the controller is and how to reach it -------------------------


@rule(
    "SEL-CONTROLLER-NAME",
    E,
    A1A,
    gettext_lazy("The controller is named"),
    (
        "A notice must say who the controller is. The organisation's legal name is the identity a "
        "reader can look up in the trade register."
        " An error: the controller's identity is a required item of Art. 13(1)(a) and 14(1)(a);"
        " a notice without it is incomplete."
    ),
)
def controller_name(facts: Facts) -> Iterator[Violation]:
    if facts.controller is None or not facts.controller.legal_name.strip():
        yield Violation(
            _("Enter the organisation's legal name on the controller page."),
            "controller",
            field_anchor("legal_name"),
        )


@rule(
    "SEL-CONTROLLER-ADDRESS",
    E,
    A1A,
    gettext_lazy("The controller's address is given"),
    (
        "Contact details of the controller include an address where letters reach it: "
        "a request or an objection may be sent on paper."
        " An error: the controller's contact details are a required item of Art. 13(1)(a) and "
        "14(1)(a)."
    ),
)
def controller_address(facts: Facts) -> Iterator[Violation]:
    ctl = facts.controller
    if ctl is None or not (ctl.street_address.strip() and ctl.city.strip()):
        yield Violation(
            _("Enter the controller's street address and city on the controller page."),
            "controller",
            field_anchor("street_address"),
        )


@rule(
    "SEL-CONTROLLER-CONTACT",
    E,
    A1A,
    gettext_lazy("The controller has an email or phone"),
    (
        "Besides a postal address, a reader needs a quick way to reach the controller: "
        "an email address or a phone number."
        " An error: the contact details are a required item of Art. 13(1)(a) and 14(1)(a), and "
        "Art. 12(2) asks that requests be easy to make."
    ),
)
def controller_contact(facts: Facts) -> Iterator[Violation]:
    ctl = facts.controller
    if ctl is None or not (ctl.email.strip() or ctl.phone.strip()):
        yield Violation(
            _("Enter the controller's email address or phone number on the controller page."),
            "controller",
            field_anchor("email"),
        )


@rule(
    "SEL-REPRESENTATIVE",
    E,
    "GDPR 13(1)(a), 14(1)(a), 27",
    gettext_lazy("A controller outside the EU/EEA names its EU representative"),
    (
        "A controller established outside the Union that offers goods or services to, or "
        "monitors, people in the Union designates a representative in the Union (Art. "
        "27) and the notice gives the representative's identity and contact details."
        " An error: where Art. 27 applies, the representative is a required item of Art. "
        "13(1)(a) and 14(1)(a)."
    ),
)
def representative(facts: Facts) -> Iterator[Violation]:
    ctl = facts.controller
    if ctl is None or not ctl.country or is_eea(ctl.country):
        return
    contact = ctl.representative_address.strip() or ctl.representative_email.strip()
    if not (ctl.has_representative and ctl.representative_name.strip() and contact):
        anchor = "representative_name" if ctl.has_representative else "has_representative"
        yield Violation(
            _(
                "The controller is outside the EU/EEA: name its representative in the EU "
                "and give the representative's address or email."
            ),
            "controller",
            field_anchor(anchor),
        )


# --- 13(1)(b) / 14(1)(b) ---------------------------------------------------------------------


@rule(
    "SEL-DPO-CONTACT",
    E,
    "GDPR 13(1)(b), 14(1)(b)",
    gettext_lazy("A designated data protection officer can be contacted"),
    (
        "Where a data protection officer is designated, the notice gives the officer's "
        "contact details, so that people can reach the officer directly (Art. 38(4))."
        " An error: where an officer is designated, the contact details are a required item of "
        "Art. 13(1)(b) and 14(1)(b)."
    ),
)
def dpo_contact(facts: Facts) -> Iterator[Violation]:
    ctl = facts.controller
    if ctl is not None and ctl.has_dpo and not (ctl.dpo_email.strip() or ctl.dpo_phone.strip()):
        yield Violation(
            _(
                "A data protection officer is designated: enter the officer's email "
                "address or phone number."
            ),
            "controller",
            field_anchor("dpo_email"),
        )


# --- 13(1)(c)-(d) / 14(1)(c), 14(2)(b): purposes, bases, legitimate interests ------------------


@rule(
    "SEL-PURPOSE-NONE",
    E,
    "GDPR 13(1)(c), 14(1)(c)",
    gettext_lazy("At least one purpose"),
    (
        "Every notice says why personal data is processed. Without a purpose there is "
        "nothing to publish."
        " An error: the purposes are a required item of Art. 13(1)(c) and 14(1)(c)."
    ),
)
def purpose_none(facts: Facts) -> Iterator[Violation]:
    if not facts.purposes:
        yield Violation(
            _("Add at least one purpose of processing and its legal basis."), "purposes"
        )


@rule(
    "SEL-PURPOSE-BASIS",
    E,
    "GDPR 13(1)(c), 14(1)(c), 6(1)",
    gettext_lazy("Every purpose has a legal basis"),
    (
        "Processing is lawful only on one of the bases of Art. 6(1), and the notice "
        "states the basis of each purpose. An imported draft can lack it; the checker "
        "does not let it be published so."
        " An error: the basis of each purpose is a required item of Art. 13(1)(c) and 14(1)(c),"
        " and the rights the notice states are derived from it."
    ),
)
def purpose_basis(facts: Facts) -> Iterator[Violation]:
    for index, purpose in enumerate(facts.purposes):
        if purpose.basis not in LegalBasis.values:
            name = label(purpose.description, row_name(Purpose, index))
            yield Violation(
                _("Choose the legal basis of the purpose “%(purpose)s”.") % {"purpose": name},
                "purposes",
                field_anchor("basis", "purposes", index),
            )


@rule(
    "SEL-LEGITIMATE-INTEREST",
    E,
    "GDPR 13(1)(d), 14(2)(b)",
    gettext_lazy("Legitimate interests are described"),
    (
        "When the basis is legitimate interests (Art. 6(1)(f)), naming the basis is not "
        "enough: the notice says in words what the interest is, so that the reader can "
        "weigh it and object."
        " An error: the interests are a required item of Art. 13(1)(d) and 14(2)(b) whenever "
        "6(1)(f) is the basis."
    ),
)
def legitimate_interest(facts: Facts) -> Iterator[Violation]:
    for index, purpose in enumerate(facts.purposes):
        if purpose.basis == LegalBasis.LEGITIMATE_INTERESTS and not filled(
            purpose.legitimate_interest
        ):
            name = label(purpose.description, row_name(Purpose, index))
            yield Violation(
                _(
                    "The purpose “%(purpose)s” rests on legitimate interests: describe the "
                    "interest in words."
                )
                % {"purpose": name},
                "purposes",
                text_anchor("legitimate_interest", "purposes", index),
            )


# --- 14(1)(d): categories of data ------------------------------------------------------------


@rule(
    "SEL-CATEGORIES",
    E,
    "GDPR 14(1)(d)",
    gettext_lazy("Data categories are listed when data comes from elsewhere"),
    (
        "A person whose data comes from another source cannot know what was collected "
        "about them; Art. 14 therefore requires the categories of data. (Under Art. 13 "
        "they are good practice and the editor asks for them anyway.)"
        " An error: under Art. 14 the categories are a required item (14(1)(d))."
    ),
)
def categories(facts: Facts) -> Iterator[Violation]:
    if facts.art14 and not facts.categories:
        yield Violation(
            _(
                "Some data comes from other sources than the person: list the categories "
                "of personal data."
            ),
            "categories",
        )


# --- 13(1)(e) / 14(1)(e): recipients -----------------------------------------------------------


@rule(
    "SEL-RECIPIENTS-NONE",
    E,
    "GDPR 13(1)(e), 14(1)(e)",
    gettext_lazy("Recipients are listed when there are some"),
    (
        "When the controller answers that data is disclosed or processed by service "
        "providers, Art. 13(1)(e) asks who they are, or at least their categories: an "
        "answer of yes with an empty list leaves the item unanswered."
        " An error: the recipients are a required item of Art. 13(1)(e) and 14(1)(e) once the "
        "controller has said there are some."
    ),
)
def recipients_none(facts: Facts) -> Iterator[Violation]:
    if not facts.recipients and facts.register.has_recipients:
        yield Violation(
            _(
                "You answered that the data is disclosed or processed by service providers: "
                "add them (for example IT, email or accounting services)."
            ),
            "recipients",
        )


@rule(
    "SEL-RECIPIENT-DETAILS",
    E,
    "GDPR 13(1)(e), 14(1)(e), 13(1)(f)",
    gettext_lazy("Every named recipient has a role and a location"),
    (
        "Art. 13(1)(e) allows categories of recipients ('accounting firms'), and a category "
        "needs neither a role nor a country: its country matters only where it reveals a "
        "transfer, which the transfer rules ask about. A recipient named by its name is "
        "different: its role tells the reader who answers for the data, and its location "
        "(a country, or the EU/EEA) whether the data leaves the EU/EEA."
        " An error: without the role and location of a named recipient the recipient item "
        "(Art. 13(1)(e)) is incomplete and a transfer (13(1)(f)) cannot be seen."
    ),
)
def recipient_details(facts: Facts) -> Iterator[Violation]:
    for index, recipient in enumerate(facts.recipients):
        if recipient.is_category:
            continue
        missing = (
            "recipient_type"
            if not recipient.recipient_type
            else ("country" if not recipient.country else "")
        )
        if missing:
            yield Violation(
                _(
                    "Choose the role of the recipient “%(recipient)s” and where it processes "
                    "the data (a country, or the EU/EEA)."
                )
                % {"recipient": recipient.name},
                "recipients",
                field_anchor(missing, "recipients", index),
            )
