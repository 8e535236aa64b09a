"""The closed lists of Seloste, each value a stable identifier and each label translatable.

Values are stored in the database, in published versions and in the JSON export, so they never
change. Where the W3C Data Privacy Vocabulary (DPV) has the concept, the value is its local name
("A6-1-a", "EmailAddress"); where it has none, the value is our own lowercase-kebab identifier
("eu-us-dpf"). DPV local names never begin in lower case, which is how `dpv_iri` tells them apart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from babel import Locale
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, to_locale

DPV = "https://w3id.org/dpv#"
DPV_GDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
DPV_PD = "https://w3id.org/dpv/pd#"


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    ENGLISH = "en", _("English")
    SWEDISH = "sv", _("Swedish")


class LegalBasis(models.TextChoices):
    CONSENT = "A6-1-a", _("Consent (GDPR Art. 6(1)(a))")
    CONTRACT = "A6-1-b", _("Contract (GDPR Art. 6(1)(b))")
    LEGAL_OBLIGATION = "A6-1-c", _("Legal obligation (GDPR Art. 6(1)(c))")
    VITAL_INTERESTS = "A6-1-d", _("Vital interests (GDPR Art. 6(1)(d))")
    PUBLIC_TASK = "A6-1-e", _("Public interest or official authority (GDPR Art. 6(1)(e))")
    LEGITIMATE_INTERESTS = "A6-1-f", _("Legitimate interests (GDPR Art. 6(1)(f))")


# Art. 13(2)(e) asks whether the person must provide the data: a question that has an answer
# only where a contract or a law makes the data needed.
PROVISION_BASES: frozenset[str] = frozenset({LegalBasis.CONTRACT, LegalBasis.LEGAL_OBLIGATION})


class SpecialCondition(models.TextChoices):
    EXPLICIT_CONSENT = "A9-2-a", _("Explicit consent (GDPR Art. 9(2)(a))")
    EMPLOYMENT_SOCIAL_SECURITY = (
        "A9-2-b",
        _("Employment, social security and social protection law (GDPR Art. 9(2)(b))"),
    )
    VITAL_INTERESTS = (
        "A9-2-c",
        _("Vital interests of a person unable to consent (GDPR Art. 9(2)(c))"),
    )
    NOT_FOR_PROFIT_MEMBERS = "A9-2-d", _("Not-for-profit body and its members (GDPR Art. 9(2)(d))")
    MADE_PUBLIC = "A9-2-e", _("Data manifestly made public by the data subject (GDPR Art. 9(2)(e))")
    LEGAL_CLAIMS = "A9-2-f", _("Legal claims (GDPR Art. 9(2)(f))")
    SUBSTANTIAL_PUBLIC_INTEREST = (
        "A9-2-g",
        _("Substantial public interest laid down in law (GDPR Art. 9(2)(g))"),
    )
    HEALTH_OR_SOCIAL_CARE = (
        "A9-2-h",
        _("Health or social care, preventive or occupational medicine (GDPR Art. 9(2)(h))"),
    )
    PUBLIC_HEALTH = "A9-2-i", _("Public health (GDPR Art. 9(2)(i))")
    ARCHIVING_RESEARCH_STATISTICS = (
        "A9-2-j",
        _("Archiving, scientific or historical research, or statistics (GDPR Art. 9(2)(j))"),
    )


class TransferMechanism(models.TextChoices):
    ADEQUACY_DECISION = "A45-3", _("Adequacy decision of the European Commission (GDPR Art. 45)")
    # Its own value although legally an Art. 45 decision: it covers only certified US organisations,
    # and the checker must be able to ask for that certification.
    EU_US_DPF = "eu-us-dpf", _("EU-US Data Privacy Framework (adequacy decision of 10 July 2023)")
    STANDARD_CONTRACTUAL_CLAUSES = "A46-2-c", _("Standard contractual clauses (GDPR Art. 46(2)(c))")
    BINDING_CORPORATE_RULES = "A46-2-b", _("Binding corporate rules (GDPR Art. 46(2)(b) and 47)")
    CODE_OF_CONDUCT = "A46-2-e", _("Approved code of conduct (GDPR Art. 46(2)(e))")
    CERTIFICATION = "A46-2-f", _("Approved certification mechanism (GDPR Art. 46(2)(f))")
    EXPLICIT_CONSENT = "A49-1-a", _("Explicit consent to the transfer (GDPR Art. 49(1)(a))")
    CONTRACT_WITH_DATA_SUBJECT = "A49-1-b", _("Contract with the data subject (GDPR Art. 49(1)(b))")
    CONTRACT_IN_INTEREST = (
        "A49-1-c",
        _("Contract in the interest of the data subject (GDPR Art. 49(1)(c))"),
    )
    PUBLIC_INTEREST = "A49-1-d", _("Important reasons of public interest (GDPR Art. 49(1)(d))")
    LEGAL_CLAIMS = "A49-1-e", _("Legal claims (GDPR Art. 49(1)(e))")
    VITAL_INTERESTS = "A49-1-f", _("Vital interests (GDPR Art. 49(1)(f))")
    PUBLIC_REGISTER = "A49-1-g", _("Transfer from a public register (GDPR Art. 49(1)(g))")


# Art. 13(1)(f) and 14(1)(f): for these the notice must also say how to obtain a copy.
SAFEGUARD_MECHANISMS: frozenset[TransferMechanism] = frozenset(
    {
        TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES,
        TransferMechanism.BINDING_CORPORATE_RULES,
        TransferMechanism.CODE_OF_CONDUCT,
        TransferMechanism.CERTIFICATION,
    }
)


class Right(models.TextChoices):
    # The order is the order of the notice, so it follows the Regulation.
    ACCESS = "A15", _("Right of access (GDPR Art. 15)")
    RECTIFICATION = "A16", _("Right to rectification (GDPR Art. 16)")
    ERASURE = "A17", _("Right to erasure (GDPR Art. 17)")
    RESTRICTION = "A18", _("Right to restriction of processing (GDPR Art. 18)")
    PORTABILITY = "A20", _("Right to data portability (GDPR Art. 20)")
    OBJECTION = "A21", _("Right to object (GDPR Art. 21)")
    AUTOMATED_DECISIONS = (
        "A22",
        _("Right not to be subject to automated decision-making (GDPR Art. 22)"),
    )
    WITHDRAW_CONSENT = "A7-3", _("Right to withdraw consent (GDPR Art. 7(3))")
    COMPLAINT = "A77", _("Right to lodge a complaint with a supervisory authority (GDPR Art. 77)")


# DPV's legal_basis_rights_mapping for the GDPR (the table in LEGAL.md), written in DPV's own
# identifiers so that the two can be compared line by line.
_RIGHTS_TABLE = {
    LegalBasis.CONSENT: "A15 A16 A17 A18 A20 A22 A7-3 A77",
    LegalBasis.CONTRACT: "A15 A16 A17 A18 A20 A22 A77",
    LegalBasis.LEGAL_OBLIGATION: "A15 A16 A18 A77",
    LegalBasis.VITAL_INTERESTS: "A15 A16 A17 A18 A22 A77",
    LegalBasis.PUBLIC_TASK: "A15 A16 A18 A21 A22 A77",
    LegalBasis.LEGITIMATE_INTERESTS: "A15 A16 A17 A18 A21 A22 A77",
}
RIGHTS_BY_BASIS: Mapping[LegalBasis, frozenset[Right]] = MappingProxyType(
    {basis: frozenset(map(Right, row.split())) for basis, row in _RIGHTS_TABLE.items()}
)


def rights_for(bases: Iterable[str], *, direct_marketing: bool = False) -> list[Right]:
    """The data subject's rights for processing on these bases, in the order of `Right`.

    `bases` holds Art. 6(1) values and may also hold Art. 9(2) conditions, because Art. 13(2)(c)
    grants the right to withdraw consent for 9(2)(a) explicit consent as well as for 6(1)(a).
    An unknown value raises ValueError rather than silently dropping rights from a notice.
    """
    granted: set[Right] = {Right.COMPLAINT}
    for basis in bases:
        if basis == SpecialCondition.EXPLICIT_CONSENT:
            granted.add(Right.WITHDRAW_CONSENT)
        elif basis not in SpecialCondition.values:
            granted |= RIGHTS_BY_BASIS[LegalBasis(basis)]
    if direct_marketing:
        # Art. 21(2)-(3): objecting to direct marketing is absolute, whatever the basis.
        granted.add(Right.OBJECTION)
    return [right for right in Right if right in granted]


class RecipientType(models.TextChoices):
    PROCESSOR = "DataProcessor", _("Processor (GDPR Art. 28)")
    SUB_PROCESSOR = "DataSubProcessor", _("Sub-processor (GDPR Art. 28(2) and (4))")
    INDEPENDENT_CONTROLLER = "DataController", _("Independent controller")
    JOINT_CONTROLLER = "JointDataControllers", _("Joint controller (GDPR Art. 26)")
    PUBLIC_AUTHORITY = "Authority", _("Public authority")
    # Not a legal role of its own, but readers ask about intra-group sharing and transfers.
    GROUP_COMPANY = "group-company", _("Company in the same group")
    INTERNATIONAL_ORGANISATION = "InternationalOrganisation", _("International organisation")


class DataSubjectGroup(models.TextChoices):
    CUSTOMER = "Customer", _("Customers")
    PROSPECTIVE_CUSTOMER = "prospective-customer", _("Prospective customers")
    PATIENT = "Patient", _("Patients and clients of health or care services")
    USER = "User", _("Users of an online service or app")
    WEBSITE_VISITOR = "website-visitor", _("Website visitors")
    SUBSCRIBER = "Subscriber", _("Newsletter subscribers")
    EMPLOYEE = "Employee", _("Employees")
    JOB_APPLICANT = "JobApplicant", _("Job applicants")
    MEMBER = "Member", _("Members of an association")
    PARTICIPANT = "Participant", _("Event and course participants")
    BUSINESS_CONTACT = "business-contact", _("Contact persons of business customers and partners")
    GUARDIAN = "GuardianOfDataSubject", _("Parents and guardians")
    # Split at 13, the age of consent to information-society services in Finland (Tietosuojalaki
    # 5 §): below it a guardian consents, from it the child does.
    CHILD = "Child", _("Children aged 13 to 17")
    CHILD_UNDER_13 = "child-under-13", _("Children under 13")


CHILD_GROUPS: frozenset[DataSubjectGroup] = frozenset(
    {DataSubjectGroup.CHILD, DataSubjectGroup.CHILD_UNDER_13}
)


class DataCategory(models.TextChoices):
    NAME = "Name", _("Name")
    EMAIL = "EmailAddress", _("Email address")
    PHONE = "TelephoneNumber", _("Phone number")
    POSTAL_ADDRESS = "PhysicalAddress", _("Postal address")
    BIRTH_DATE = "BirthDate", _("Date of birth")
    # DPV has only the wider pd:OfficialID; the code needs its own value for Tietosuojalaki 29 §.
    PERSONAL_IDENTITY_CODE = "personal-identity-code", _("Personal identity code (henkilötunnus)")
    GENDER = "Gender", _("Gender")
    PREFERRED_LANGUAGE = "Language", _("Preferred language")
    ACCOUNT = "Username", _("Username and account details")
    ONLINE_IDENTIFIERS = "IPAddress", _("IP address and other online identifiers")
    DEVICE = "DeviceBased", _("Device data (device type, operating system, browser)")
    LOCATION = "Location", _("Location data")
    PHOTO_VIDEO = "Picture", _("Photographs and video recordings")
    JOB = "Job", _("Job title and organisation")
    PURCHASES = "Purchase", _("Order and purchase history")
    PAYMENT = "Transaction", _("Payment and billing details")
    BANK_ACCOUNT = "BankAccount", _("Bank account details")
    CONTRACT = "contract-details", _("Contract details")
    COMMUNICATIONS = "Communication", _("Customer feedback and correspondence")
    MARKETING_PREFERENCES = "marketing-preferences", _("Marketing consents and opt-outs")
    BROWSING = "BrowsingBehavior", _("Cookie and analytics data (browsing behaviour)")
    EDUCATION = "Education", _("Education")
    WORK_HISTORY = "EmploymentHistory", _("Work history")
    SOCIAL_BENEFITS = "social-security-benefits", _("Social security and benefit data")
    HEALTH = "MedicalHealth", _("Health data")
    PATIENT_RECORDS = "HealthRecord", _("Patient records")
    GENETIC = "Genetic", _("Genetic data")
    BIOMETRIC = "Biometric", _("Biometric data for uniquely identifying a person")
    RACIAL_OR_ETHNIC_ORIGIN = "EthnicOrigin", _("Racial or ethnic origin")
    POLITICAL_OPINIONS = "PoliticalOpinion", _("Political opinions")
    RELIGIOUS_BELIEFS = "ReligiousBelief", _("Religious beliefs")
    PHILOSOPHICAL_BELIEFS = "PhilosophicalBelief", _("Philosophical beliefs")
    TRADE_UNION = "TradeUnionMembership", _("Trade union membership")
    SEX_LIFE_ORIENTATION = "Sexual", _("Sex life or sexual orientation")
    CRIMINAL = "Criminal", _("Criminal convictions and offences (GDPR Art. 10)")


# Art. 9(1) only: criminal data (Art. 10) needs a different legal footing, not a 9(2) condition.
SPECIAL_CATEGORIES: frozenset[DataCategory] = frozenset(
    {
        DataCategory.HEALTH,
        DataCategory.PATIENT_RECORDS,
        DataCategory.GENETIC,
        DataCategory.BIOMETRIC,
        DataCategory.RACIAL_OR_ETHNIC_ORIGIN,
        DataCategory.POLITICAL_OPINIONS,
        DataCategory.RELIGIOUS_BELIEFS,
        DataCategory.PHILOSOPHICAL_BELIEFS,
        DataCategory.TRADE_UNION,
        DataCategory.SEX_LIFE_ORIENTATION,
    }
)
CRIMINAL_CATEGORIES: frozenset[DataCategory] = frozenset({DataCategory.CRIMINAL})


def is_special_category(category: str, *, marked: bool, condition: str) -> bool:
    """Whether a data category is special (Art. 9(1)): the one definition of the model, the
    checker, the document, the record and the JSON-LD.

    A category of the special kinds is special whatever the box says; so is one the user marked,
    and one for which the user chose an Art. 9(2) condition, since that choice is printed.
    """
    return category in SPECIAL_CATEGORIES or marked or bool(condition)


class ConsentMethod(models.TextChoices):
    """How consent is asked for a purpose on consent (Art. 4(11), 7(1))."""

    OPT_IN = "opt-in", _("The person ticks an empty box or presses a button to agree")
    SIGNED = "signed", _("The person signs a consent form, on paper or electronically")
    ORAL = "oral", _("The person agrees orally and we record it")
    # Not valid consent (Art. 4(11): a clear affirmative act); the checker refuses it.
    IMPLIED = "implied", _("By using the site or the service (implied)")


IDENTITY_CODE: DataCategory = DataCategory.PERSONAL_IDENTITY_CODE

_NAMESPACES: tuple[tuple[type[models.TextChoices], str], ...] = (
    (LegalBasis, DPV_GDPR),
    (SpecialCondition, DPV_GDPR),
    (TransferMechanism, DPV_GDPR),
    (Right, DPV_GDPR),
    (RecipientType, DPV),
    (DataSubjectGroup, DPV),
    (DataCategory, DPV_PD),
)


def dpv_iri(value: str) -> str | None:
    """The full DPV IRI of a value of any list here, or None for our own identifiers."""
    if not value[:1].isupper():
        return None
    for choices, namespace in _NAMESPACES:
        if value in choices.values:
            return namespace + value
    return None


# ISO 3166-1 alpha-2 codes of the 27 EU member states and of Iceland, Liechtenstein and Norway.
EEA_COUNTRIES: frozenset[str] = frozenset(
    {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE"}
    | {"IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
    | {"IS", "LI", "NO"}
)
# Parts of EU member states that ISO lists under codes of their own (Åland and the French
# outermost regions); a transfer there is no transfer out of the EU. Svalbard (SJ), the Faroe
# Islands, Greenland and the overseas countries and territories stay outside on purpose.
_EEA_TERRITORIES = frozenset({"AX", "GF", "GP", "MF", "MQ", "RE", "YT"})

# CLDR territories that are not ISO 3166-1 countries: groupings, unknown and pseudo regions, and
# "exceptionally reserved" parts of countries (such as the Canary Islands) that would otherwise
# appear twice, once under their own name and once inside their country. Kosovo (XK) stays: ISO
# has not assigned it, but the EU and CLDR use it, and it is a third country of its own.
_NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)
# Letters that the alphabet keeps apart from their base letter and sorts after Z.
_OWN_LETTERS = {"fi": "åäö", "sv": "åäö"}


# A recipient's location may be "somewhere in the EU/EEA" without naming the member state.
EU_EEA = "EU"


def is_eea(code: str) -> bool:
    code = code.upper()
    return code in EEA_COUNTRIES or code in _EEA_TERRITORIES or code == EU_EEA


@lru_cache(maxsize=8)
def _territories(language: str) -> Mapping[str, str]:
    locale = Locale.parse(to_locale(language))
    names = {
        code: name
        for code, name in locale.territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }
    return MappingProxyType(names)


def _collation_key(name: str, own: str) -> str:
    chars = []
    for char in name.casefold():
        if char in own:
            chars.append(chr(ord("z") + 1 + own.index(char)))
        else:
            decomposed = unicodedata.normalize("NFD", char)
            chars.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(chars)


@lru_cache(maxsize=8)
def _sorted_countries(language: str) -> tuple[tuple[str, str], ...]:
    own = _OWN_LETTERS.get(Locale.parse(to_locale(language)).language, "")
    names = _territories(language).items()
    return tuple(sorted(names, key=lambda item: (_collation_key(item[1], own), item)))


def country_choices(language: str) -> list[tuple[str, str]]:
    """(code, name) of every country, named and sorted as readers of `language` expect."""
    return list(_sorted_countries(language))


def country_name(code: str, language: str) -> str:
    # A published version keeps the code it was made with, so a code CLDR later drops still shows.
    if code.upper() == EU_EEA:
        with override(language):
            return str(_("EU/EEA"))
    return _territories(language).get(code.upper(), code)


def location_choices(language: str) -> list[tuple[str, str]]:
    """A recipient's location: the EU/EEA as a whole, then every country."""
    return [(EU_EEA, country_name(EU_EEA, language)), *country_choices(language)]
