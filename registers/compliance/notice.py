"""Rules for GDPR Art. 13(2) and 14(2): rights, duty to provide, sources, automation."""

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
from registers.compliance.wording import Terms, clauses, terms
from registers.models import ProvisionRequirement, Purpose
from registers.vocabulary import (
    LegalBasis,
)

E, W = Severity.ERROR, Severity.WARNING

# --- 13(2)(b)-(c) / 14(2)(c)-(d): rights ----------------------------------------------------------


@rule(
    "SEL-RIGHTS-CHANNEL",
    E,
    "GDPR 13(2)(b), 14(2)(c), 12(2)",
    gettext_lazy("The notice says how to exercise the rights"),
    (
        "The rights themselves are derived from the legal bases and written by Seloste, "
        "but the controller must facilitate their exercise (Art. 12(2)): the notice "
        "says where and how to make a request."
        " An error: without a way to make a request the rights of Art. 13(2)(b) and 14(2)(c) "
        "cannot be used, and Art. 12(2) asks the controller to facilitate them."
    ),
)
def rights_channel(facts: Facts) -> Iterator[Violation]:
    register = facts.register
    if not filled(register.rights_channel) and not register.rights_email.strip():
        yield Violation(
            _(
                "Say how a person makes a request about their rights: give an email "
                "address for requests or describe the way."
            ),
            "rights",
            field_anchor("rights_email"),
        )


# Words that say how consent is withdrawn: the right itself, or the usual ways of doing it.
WITHDRAWAL = terms(
    en="withdraw*, unsubscrib*, opt out, cancel*, revok*",
    fi="peruuttaa*, perua, perum*, ~peruutus, ~peruminen, kieltäyty*, ~kielto, kieltää, kiellä*",
    sv="återkalla*, avregistrera*, avsluta*, ~avanmäl, ~avprenumer",
)
EMAIL = terms(en="email*, e-mail*, mail*", fi="~sähköpost", sv="~e-post, ~mejl")
# The ways of giving consent a text names: "subscribe by email", "tilaa sähköpostilla".
GIVING = terms(
    en="consent*, subscrib*, order*, sign* up, register*, ask*, request*",
    fi="suostumus*, suostu*, tilaa*, tilaus*, ~tilaam, ilmoittautu*, pyytä*, pyyde*",
    sv="samtyck*, prenumerera*, beställ*, anmäl*, begär*",
)


def _said(value: object, vocabulary: dict[str, Terms], *also: dict[str, Terms]) -> bool:
    """A clause of the text, not negated, holds words of the vocabulary (and of each of also)."""
    for language, text in texts(value).items():
        for clause in clauses(text, language):
            groups = (vocabulary, *also)
            if not clause.negated and all(
                language in group and clause in group[language] for group in groups
            ):
                return True
    return False


def _consent_purposes(facts: Facts) -> list[Purpose]:
    return [p for p in facts.purposes if p.basis == LegalBasis.CONSENT]


def consent_given_by_email(facts: Facts) -> bool:
    """The register says that consent is given by email (or a form that sends one).

    Then a request by email to the address for requests withdraws it by the same means (Art.
    7(3); EDPB Guidelines 05/2020 on consent, section 5.2: withdrawal through the same means
    the consent was given). The model has no field for how consent is given, so the checker
    reads the consent purposes for a clause that names both giving consent and email.
    """
    return any(_said(p.description, GIVING, EMAIL) for p in _consent_purposes(facts))


def withdrawal_described(facts: Facts) -> bool:
    """The rights text or a consent purpose says how to withdraw (not: "cannot withdraw")."""
    if _said(facts.register.rights_channel, WITHDRAWAL):
        return True
    return any(_said(p.description, WITHDRAWAL) for p in _consent_purposes(facts))


@rule(
    "SEL-CONSENT-WITHDRAWAL",
    W,
    "GDPR 13(2)(c), 14(2)(d), 7(3)",
    gettext_lazy("With consent, the notice says how to withdraw it"),
    (
        "The right to withdraw consent is derived from the consent basis (6(1)(a) or "
        "9(2)(a)) and always stated. Withdrawing must be as easy as giving consent (Art. 7(3)): "
        "the checker asks for words on how to withdraw (a link in every message, an account "
        "setting) in the text on exercising the rights or in a consent purpose, and text there "
        "that never mentions withdrawal does not count. An email address for requests is as "
        "easy when consent, too, is given by email or by a form that sends one: the same means "
        "(EDPB Guidelines 05/2020, section 5.2). A warning, not an error: the right itself is "
        "printed either way, and only the way to use it is missing."
    ),
)
def consent_withdrawal(facts: Facts) -> Iterator[Violation]:
    explicit = any(row.special_condition == "A9-2-a" for row in facts.categories)
    if not (facts.consent_basis or explicit) or withdrawal_described(facts):
        return
    if facts.register.rights_email.strip() and consent_given_by_email(facts):
        return
    yield Violation(
        _(
            "Consent is a legal basis: describe how a person withdraws consent, as "
            "easily as it was given (for example an unsubscribe link)."
        ),
        "rights",
        text_anchor("rights_channel"),
    )


# --- 13(2)(e): must the person provide the data? ------------------------------------------------


@rule(
    "SEL-PROVISION-REQUIRED",
    W,
    "GDPR 13(2)(e)",
    gettext_lazy("A contract or a legal duty says whether the data must be provided"),
    (
        "Data processed for a contract or a legal obligation is normally required. A "
        "purpose on such a basis marked voluntary is likely a default left unchanged."
        " A warning, not an error: the item of Art. 13(2)(e) is answered, and data for a "
        "contract can be truly voluntary; only the controller knows."
    ),
)
def provision_required(facts: Facts) -> Iterator[Violation]:
    if not facts.art13:
        return
    for index, purpose in enumerate(facts.purposes):
        if (
            purpose.basis in (LegalBasis.CONTRACT, LegalBasis.LEGAL_OBLIGATION)
            and purpose.requirement == ProvisionRequirement.VOLUNTARY
        ):
            name = label(purpose.description, row_name(Purpose, index))
            yield Violation(
                _(
                    "The purpose “%(purpose)s” rests on a contract or a legal obligation: say "
                    "whether the person must provide the data."
                )
                % {"purpose": name},
                "purposes",
                field_anchor("requirement", "purposes", index),
            )


@rule(
    "SEL-PROVISION-CONSEQUENCE",
    E,
    "GDPR 13(2)(e)",
    gettext_lazy("Required data states the consequence of not providing it"),
    (
        "When data is required by law or by a contract, the notice states what follows "
        "if the person does not provide it (for example: we cannot deliver the order)."
        " An error: the consequences are part of the required item of Art. 13(2)(e)."
    ),
)
def provision_consequence(facts: Facts) -> Iterator[Violation]:
    if not facts.art13:
        return
    for index, purpose in enumerate(facts.purposes):
        required = purpose.requirement and purpose.requirement != ProvisionRequirement.VOLUNTARY
        if required and not filled(purpose.consequence):
            name = label(purpose.description, row_name(Purpose, index))
            yield Violation(
                _("Say what follows if the person does not provide the data for “%(purpose)s”.")
                % {"purpose": name},
                "purposes",
                text_anchor("consequence", "purposes", index),
            )


# --- 14(2)(f): sources ---------------------------------------------------------------------------


@rule(
    "SEL-SOURCE",
    E,
    "GDPR 14(2)(f)",
    gettext_lazy("Data not collected from the person names its sources"),
    (
        "When data comes from elsewhere, the notice names the source and whether it is "
        "publicly accessible."
        " An error: the source is a required item of Art. 14(2)(f)."
    ),
)
def source(facts: Facts) -> Iterator[Violation]:
    if not facts.register.collected_from_subject and not facts.sources:
        yield Violation(
            _("The data is not collected from the people themselves: name the sources."), "sources"
        )


# --- 13(2)(f) / 14(2)(g): automated decisions ---------------------------------------------------


@rule(
    "SEL-AUTOMATED-LOGIC",
    E,
    "GDPR 13(2)(f), 14(2)(g)",
    gettext_lazy("Automated decisions explain their logic"),
    (
        "Where decisions are made by automated means only (Art. 22), the notice gives "
        "meaningful information about the logic involved."
        " An error: where such decisions are made, the logic is a required item of Art. "
        "13(2)(f) and 14(2)(g)."
    ),
)
def automated_logic(facts: Facts) -> Iterator[Violation]:
    if facts.register.has_automated_decisions and not filled(facts.register.automated_logic):
        yield Violation(
            _("Decisions are made by automated means: explain the logic involved."),
            "automated",
            text_anchor("automated_logic"),
        )


@rule(
    "SEL-AUTOMATED-CONSEQUENCES",
    E,
    "GDPR 13(2)(f), 14(2)(g)",
    gettext_lazy("Automated decisions explain their consequences"),
    (
        "Where decisions are made by automated means only, the notice also states their "
        "significance and the envisaged consequences for the person."
        " An error: where such decisions are made, this is a required item of Art. 13(2)(f) and"
        " 14(2)(g)."
    ),
)
def automated_consequences(facts: Facts) -> Iterator[Violation]:
    register = facts.register
    if register.has_automated_decisions and not filled(register.automated_consequences):
        yield Violation(
            _(
                "Decisions are made by automated means: describe their significance "
                "and consequences for the person."
            ),
            "automated",
            text_anchor("automated_consequences"),
        )
