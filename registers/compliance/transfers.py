"""Rules for GDPR Art. 13(1)(f) and 14(1)(f): transfers outside the EU/EEA, tools included."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from registers.compliance.base import (
    Facts,
    Severity,
    Violation,
    field_anchor,
    filled,
    label,
    rule,
    text_anchor,
)
from registers.models import Cookie
from registers.vocabulary import (
    SAFEGUARD_MECHANISMS,
    TransferMechanism,
    country_name,
    is_eea,
)

E, W = Severity.ERROR, Severity.WARNING
A1F = "GDPR 13(1)(f), 14(1)(f), 44-49"


def _country(code: str) -> str:
    return country_name(code, get_language() or "fi")


# --- 13(1)(f) / 14(1)(f): transfers to third countries ----------------------------------------


def _transfer_covers(facts: Facts, recipient_pk: int | None, country: str) -> bool:
    return any(
        t.mechanism
        and (
            t.recipient_id == recipient_pk
            or (t.recipient_id is None and t.country.upper() == country.upper())
        )
        for t in facts.transfers
    )


@rule(
    "SEL-TRANSFER-MISSING",
    E,
    A1F,
    gettext_lazy("A recipient outside the EU/EEA has a transfer with a safeguard"),
    (
        "Data sent to a recipient in a third country is a transfer. The notice states "
        "the fact and the ground: an adequacy decision, an Art. 46 safeguard or an Art. "
        "49 derogation."
        " An error: the transfer and its ground are a required item of Art. 13(1)(f) and "
        "14(1)(f), and a transfer without a ground is unlawful (Art. 44)."
    ),
)
def transfer_missing(facts: Facts) -> Iterator[Violation]:
    for recipient in facts.recipients:
        country = recipient.country or ""
        if country and not is_eea(country) and not _transfer_covers(facts, recipient.pk, country):
            name = recipient.name or label(recipient.description, country)
            yield Violation(
                _(
                    "The recipient “%(recipient)s” is in %(country)s, outside the EU/EEA: add a "
                    "transfer for it and choose its safeguard."
                )
                % {"recipient": name, "country": _country(country)},
                "transfers",
            )


@rule(
    "SEL-TRANSFER-COUNTRY",
    E,
    A1F,
    gettext_lazy("Every transfer names its country"),
    (
        "Art. 13(1)(f) asks for the fact of a transfer to a third country and for the "
        "adequacy decision or safeguard that covers it; both depend on the country, so "
        "'not known' or 'several countries' says neither. The answer is printed as given "
        "and blocks publishing until each country has a transfer of its own."
        " An error: the third country is a required item of Art. 13(1)(f) and 14(1)(f)."
    ),
)
def transfer_country(facts: Facts) -> Iterator[Violation]:
    for index, transfer in enumerate(facts.transfers):
        if transfer.country:
            continue
        if transfer.country_unknown:
            message = _(
                "A transfer goes to a country that is not known, or to several: the GDPR asks "
                "which third country the data goes to and what makes the transfer lawful "
                "there (Art. 13(1)(f)). Find out the countries and add a transfer for each."
            )
        else:
            message = _("Choose the country of the transfer outside the EU/EEA.")
        yield Violation(message, "transfers", field_anchor("country", "transfers", index))


@rule(
    "SEL-TRANSFER-MECHANISM",
    E,
    A1F,
    gettext_lazy("Every transfer names its ground"),
    (
        "A transfer without an adequacy decision, a safeguard or a derogation is not "
        "lawful, and the notice must name which one applies."
        " An error: the ground is part of the required item of Art. 13(1)(f) and 14(1)(f), and "
        "without one the transfer is unlawful (Art. 44)."
    ),
)
def transfer_mechanism(facts: Facts) -> Iterator[Violation]:
    for index, transfer in enumerate(facts.transfers):
        if transfer.mechanism not in TransferMechanism.values:
            yield Violation(
                _("Choose the safeguard of the transfer to %(country)s.")
                % {"country": _country(transfer.country) if transfer.country else "?"},
                "transfers",
                field_anchor("mechanism", "transfers", index),
            )


@rule(
    "SEL-TRANSFER-COPY",
    E,
    "GDPR 13(1)(f), 14(1)(f), 46",
    gettext_lazy("An Art. 46 safeguard says how to obtain a copy"),
    (
        "For standard contractual clauses, binding corporate rules, codes of conduct "
        "and certification, the notice says how to obtain a copy of the safeguard or "
        "where it is available. Cookies and tools have no field of their own for this, "
        "so a transfer row for the same country must say it."
        " An error: for an Art. 46 or 47 safeguard, the means to obtain a copy is part of the "
        "required item of Art. 13(1)(f) and 14(1)(f)."
    ),
)
def transfer_copy(facts: Facts) -> Iterator[Violation]:
    for index, transfer in enumerate(facts.transfers):
        if transfer.mechanism in SAFEGUARD_MECHANISMS and not filled(transfer.copy_available):
            yield Violation(
                _(
                    "Say how a person can obtain a copy of the safeguard of the transfer to "
                    "%(country)s (for example: ask us by email)."
                )
                % {"country": _country(transfer.country)},
                "transfers",
                text_anchor("copy_available", "transfers", index),
            )
    for cookie in facts.cookies:
        if cookie.mechanism in SAFEGUARD_MECHANISMS and not _copy_for_country(
            facts, cookie.country
        ):
            yield Violation(
                _(
                    "The tool “%(tool)s” relies on a safeguard: add a transfer to %(country)s that "
                    "says how to obtain a copy of it."
                )
                % {"tool": cookie.name, "country": _country(cookie.country)},
                "transfers",
            )


def _copy_for_country(facts: Facts, country: str) -> bool:
    return any(
        t.country.upper() == country.upper() and filled(t.copy_available) for t in facts.transfers
    )


@rule(
    "SEL-TRANSFER-DPF",
    W,
    "GDPR 13(1)(f), 45",
    gettext_lazy("The EU-US Data Privacy Framework is used for the United States only"),
    (
        "The Data Privacy Framework is an adequacy decision for certified organisations "
        "in the United States. For any other country it is no ground, and even in the "
        "US the recipient must be on the list of certified organisations."
        " A warning, not an error: a ground is named, so the item of Art. 13(1)(f) is answered;"
        " whether the recipient is certified, or the country a slip, only the controller knows."
    ),
)
def transfer_dpf(facts: Facts) -> Iterator[Violation]:
    for index, transfer in enumerate(facts.transfers):
        if transfer.mechanism == TransferMechanism.EU_US_DPF and transfer.country.upper() != "US":
            yield Violation(
                _(
                    "The Data Privacy Framework covers only certified organisations in the United "
                    "States; choose another safeguard for %(country)s."
                )
                % {"country": _country(transfer.country)},
                "transfers",
                field_anchor("mechanism", "transfers", index),
            )


# Tools whose provider is, unless the contract says otherwise, in the United States. A tool named
# here with no country given is treated as a transfer there: "we use Google Analytics" is the most
# common unstated transfer in small organisations' notices.
US_TOOLS = re.compile(
    r"(?<!\w)(?:google|youtube|facebook|meta\s+pixel|instagram|microsoft|skype|linkedin|"
    r"mailchimp|hubspot|zoom|cloudflare|vimeo|intercom|salesforce|twitter)(?!\w)",
    re.IGNORECASE,
)


def _tool_country(cookie: Cookie) -> str:
    """The provider's country as entered, or "US" for a well-known US tool entered without one."""
    if cookie.country:
        return cookie.country
    return "US" if US_TOOLS.search(f"{cookie.name} {cookie.provider}") else ""


@rule(
    "SEL-COOKIE-TRANSFER",
    E,
    A1F,
    gettext_lazy("A tool provider outside the EU/EEA has a transfer safeguard"),
    (
        "Analytics, marketing and other tools run by a provider in a third country "
        "send data there. Unless the tool is configured to keep data in the EU/EEA, it "
        "is a transfer and needs a ground. A well-known US tool (Google, Meta, Microsoft, "
        "Mailchimp and the like) entered without a country is taken to be in the United States."
        " An error, as for any recipient: the fact and the ground of the transfer are required "
        "by Art. 13(1)(f) and 14(1)(f)."
    ),
)
def cookie_transfer(facts: Facts) -> Iterator[Violation]:
    for index, cookie in enumerate(facts.cookies):
        country = _tool_country(cookie)
        if country and not is_eea(country) and not cookie.mechanism:
            yield Violation(
                _(
                    "The provider of “%(tool)s” is in %(country)s, outside the EU/EEA: choose the "
                    "transfer safeguard."
                )
                % {"tool": cookie.name, "country": _country(country)},
                "cookies",
                field_anchor("mechanism", "cookies", index),
            )


@rule(
    "SEL-COOKIE-DETAILS",
    E,
    "GDPR 13(1)(e), 14(1)(e), 13(1)(f)",
    gettext_lazy("Every cookie or tool names its provider and the provider's country"),
    (
        "The provider of a tool is a recipient, and its country decides whether there "
        "is a transfer. Imported drafts can lack both."
        " An error: the provider is a recipient (Art. 13(1)(e)) and its country decides the "
        "transfer item (13(1)(f))."
    ),
)
def cookie_details(facts: Facts) -> Iterator[Violation]:
    for index, cookie in enumerate(facts.cookies):
        missing = (
            "provider" if not cookie.provider.strip() else ("country" if not cookie.country else "")
        )
        if missing:
            yield Violation(
                _("Enter the provider of “%(tool)s” and the provider's country.")
                % {"tool": cookie.name},
                "cookies",
                field_anchor(missing, "cookies", index),
            )
