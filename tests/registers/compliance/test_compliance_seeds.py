"""The seed notices, as a careful reader finds their faults, and the checker finding the same.

Each seed in the shared reference set is a real notice of a small Finnish organisation; its JSON
twin in tests/fixtures/seeds/ is the same notice entered into the register model. READING lists
what a careful reader finds wrong in each notice; the checker must report at least those codes.
Recipients named by category only ("partners", "subcontractors") are no fault: Art. 13(1)(e)
allows categories of recipients, and a category needs neither a role nor a country unless it
reveals a transfer. Faults that live in a notice's wording, which the fixtures do not keep
(they hold facts, not sentences), are written back from WORDING before checking. A code written
"A|B" accepts either: the reader cannot tell which the fixture encodes (for
example, health data with no basis stated is SEL-SPECIAL-CONDITION, or SEL-SPECIAL-EXPLICIT-CONSENT
if consent was entered as the only basis).

The register format carries no controller, so the controller's own faults (listed for the record)
are checked against a controller row built from what the notice says.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from registers.compliance import RULES, check
from registers.compliance.calibration import CONTROLLER, Case, run
from registers.models import Controller
from registers.portable import register_from_dict

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"

Finding = tuple[str, str, str]  # (rule code, article, why)

READING: dict[str, list[Finding]] = {
    "000_16dadaf9113cd4ae": [
        (
            "SEL-PURPOSE-BASIS",
            "GDPR 13(1)(c)",
            "The purpose is described at length, but no legal basis is given for it.",
        ),
        (
            "SEL-SPECIAL-UNMARKED|SEL-SPECIAL-CONDITION|SEL-SPECIAL-EXPLICIT-CONSENT",
            "GDPR 9",
            "Users record their special needs in services, largely health and disability data, "
            "and the notice neither says so nor names an Art. 9(2) condition.",
        ),
        ("SEL-RETENTION-NONE", "GDPR 13(2)(a)", "Nothing is said about how long data is kept."),
        (
            "SEL-ANSWER-RECIPIENTS",
            "GDPR 13(1)(e)",
            "No recipients at all, although the service runs on servers someone hosts.",
        ),
    ],
    "001_414539292712b063": [
        (
            "SEL-PURPOSE-BASIS",
            "GDPR 13(1)(c)",
            "Three bases in one paragraph, not tied to the long list of purposes.",
        ),
        (
            "SEL-SPECIAL-CONDITION|SEL-SPECIAL-EXPLICIT-CONSENT",
            "GDPR 9(2)",
            "Allergy data given for events is health data; no Art. 9(2) condition is named.",
        ),
        (
            "SEL-VAGUE-WORDS",
            "GDPR 12(1)",
            '"voidaan käsitellä", "voi perustua myös", "tarvittaessa": the notice hedges '
            "instead of saying what is done.",
        ),
        (
            "SEL-SOURCE-CATEGORIES",
            "GDPR 14(1)(d)",
            "Public registers, the media, search engines and social media are named as sources, "
            "but not which data comes from them.",
        ),
        (
            "SEL-CONSENT-WITHDRAWAL",
            "GDPR 13(2)(c)",
            "Consent is one basis and the notice repeats the right to withdraw it, but never "
            "says how: the rights paragraph speaks of access and rectification in writing only.",
        ),
    ],
    "002_3ad58c9372732bf8": [
        (
            "SEL-REPEALED-ACT",
            "Tietosuojalaki 1050/2018",
            "Calls itself a register description under the Personal Data Act, 10 §, repealed on "
            "1 January 2019.",
        ),
        (
            "SEL-ACCESS-LIMIT",
            "GDPR 12(5), 15",
            "The list of stored data may be requested at most once a year.",
        ),
        ("SEL-PURPOSE-BASIS", "GDPR 13(1)(c)", "No legal basis is given for any purpose."),
        (
            "SEL-ANSWER-RECIPIENTS",
            "GDPR 13(1)(e)",
            '"Not disclosed to anyone", yet the Ajas service and UpCloud process the data.',
        ),
        ("SEL-COOKIE-DETAILS", "GDPR 13(1)(e)", "The session cookie's provider is not named."),
        (
            "SEL-VAGUE-WORDS",
            "GDPR 12(1)",
            '"voidaan tallettaa": what is stored is left open. ("Voidaan pyytää", the list '
            "can be requested, is the person's own right and no hedge.)",
        ),
    ],
    "003_5e480617d9af7100": [
        (
            "SEL-REPEALED-ACT",
            "Tietosuojalaki 1050/2018",
            "Titled a register description under the Personal Data Act (523/99), 10 §.",
        ),
        ("SEL-PURPOSE-BASIS", "GDPR 13(1)(c)", "No legal basis is given for any purpose."),
        (
            "SEL-COOKIE-TRANSFER",
            "GDPR 13(1)(f)",
            "Google Analytics, a US provider, is used while the notice says nothing leaves the "
            "EU/EEA and names no safeguard.",
        ),
        (
            "SEL-CONTROLLER-ADDRESS",
            "GDPR 13(1)(a)",
            "The controller is given by name and business ID only, with no address.",
        ),
    ],
    "004_ed21f033915938f6": [
        (
            "SEL-REPEALED-ACT",
            "Tietosuojalaki 1050/2018",
            'Direct marketing "under the Personal Data Act".',
        ),
        (
            "SEL-PURPOSE-BASIS",
            "GDPR 13(1)(c)",
            "No legal basis; filling in a form is said to be acceptance, which is no basis.",
        ),
        (
            "SEL-SPECIAL-CONDITION|SEL-SPECIAL-EXPLICIT-CONSENT",
            "GDPR 9(2)",
            "Health and substance-use data with no Art. 9(2) condition, let alone explicit "
            "consent.",
        ),
        ("SEL-RETENTION-NONE", "GDPR 13(2)(a)", "No retention period or criteria at all."),
        (
            "SEL-PROCESSOR-DISCLAIMER",
            "GDPR 24, 28",
            "The controller says it does not answer for its subcontractors' data security.",
        ),
        ("SEL-VAGUE-WORDS", "GDPR 12(1)", '"saattaa tarjota", "tarvittaessa".'),
        (
            "SEL-CONTROLLER-ADDRESS",
            "GDPR 13(1)(a)",
            "The controller is given by name, business ID and email, with no address.",
        ),
    ],
}

# Faults carried by a notice's wording, which the fixtures (facts only) do not keep: the
# notice's own phrase, and where in the register it stood. The test writes it back in.
WORDING: dict[tuple[str, str], tuple[str, str]] = {
    ("002_3ad58c9372732bf8", "SEL-REPEALED-ACT"): (
        "introduction",
        "Henkilötietolain 10§ mukainen rekisteriseloste",
    ),
    ("003_5e480617d9af7100", "SEL-REPEALED-ACT"): (
        "introduction",
        "Henkilötietolain (523/99) 10 §:n mukainen rekisteriseloste.",
    ),
    ("002_3ad58c9372732bf8", "SEL-VAGUE-WORDS"): (
        "introduction",
        "Rekisteriin talletetaan tai voidaan tallettaa seuraavat tiedot.",
    ),
    ("004_ed21f033915938f6", "SEL-REPEALED-ACT"): (
        "introduction",
        "Rekisterinpitäjä käyttää henkilötietoja markkinointitarkoituksiin ja "
        "suoramarkkinointiin henkilötietolain mukaisesti.",
    ),
    ("004_ed21f033915938f6", "SEL-PROCESSOR-DISCLAIMER"): (
        "introduction",
        "Oy OmaParantola ab ei vastaa alihankkijoiden tietoturvakäytännöstä / "
        "rekisterin ylläpitämisestä.",
    ),
    ("004_ed21f033915938f6", "SEL-VAGUE-WORDS"): (
        "security",
        "Oy OmaParantola ab saattaa tarjota linkkejä muille verkkosivustoille.",
    ),
}


# What each notice says about its controller, for the controller's own rules.
CONTROLLERS: dict[str, dict[str, str]] = {
    "000_16dadaf9113cd4ae": {
        "legal_name": "Bestser Oy",
        "street_address": "Linnoitustie 4B",
        "city": "Espoo",
        "email": "support@whatmattersme.com",
    },
    "001_414539292712b063": {
        "legal_name": "Masternet Oy",
        "street_address": "Läntinen Rantakatu 55",
        "city": "Turku",
        "email": "info@medtimepro.com",
    },
    "002_3ad58c9372732bf8": {
        "legal_name": "WellnessRoom Espoo",
        "street_address": "Merivirta 5A",
        "city": "Espoo",
        "email": "aleksi@wellnessroom.fi",
    },
    "003_5e480617d9af7100": {"legal_name": "Welldone Group Oy"},
    "004_ed21f033915938f6": {
        "legal_name": "Oy OmaParantola ab",
        "email": "asiakaspalvelu@omaparantola.fi",
    },
}


# Every finding the checker reports for each seed, how many times, and a reviewer's verdict on
# the ones READING does not list: "right" (the register as entered does lack it) or "wrong" (a
# false finding, counted as such by manage.py checker_calibration). A change in what the checker
# reports for a real notice changes this table on purpose, or fails the test.
RIGHT, WRONG = "right", "wrong"
NO_TRANSFER_ANSWER = (
    RIGHT,
    "The fixture is in format version 1, which had no question about transfers: the register "
    "holds no answer, and the notice's own sentence on it is wording, not an answer.",
)
REVIEW: dict[str, dict[str, tuple[int, tuple[str, str] | None]]] = {
    "000_16dadaf9113cd4ae": {
        "SEL-PURPOSE-BASIS": (2, None),
        "SEL-ANSWER-RECIPIENTS": (1, None),
        "SEL-ANSWER-TRANSFERS": (1, NO_TRANSFER_ANSWER),
        "SEL-RETENTION-NONE": (1, None),
        # Once also on "Yhteyshenkilöiden yhteystiedot", whose details say the contact persons
        # can tell about special needs: a relative clause about other people, now left alone.
        "SEL-SPECIAL-UNMARKED": (1, None),
        "SEL-ANSWER-EFFECTIVE-DATE": (1, (RIGHT, "The notice carries no date at all.")),
    },
    "001_414539292712b063": {
        "SEL-PURPOSE-BASIS": (7, None),
        "SEL-SOURCE-CATEGORIES": (2, None),
        # Once also on recipients named only as categories: 13(1)(e) allows categories, and a
        # category needs neither a role nor a country.
        "SEL-ANSWER-TRANSFERS": (1, NO_TRANSFER_ANSWER),
        "SEL-CONSENT-WITHDRAWAL": (1, None),
        "SEL-SPECIAL-CONDITION": (1, None),
        "SEL-VAGUE-WORDS": (1, None),
        "SEL-DIRECT-MARKETING": (
            2,
            (
                RIGHT,
                "Two purposes name marketing among other things and are not marked as direct "
                "marketing, so the separate statement of the right to object would be missing.",
            ),
        ),
        "SEL-ANSWER-CONSENT-METHOD": (
            1,
            (RIGHT, "A purpose rests on consent and the notice never says how consent is asked."),
        ),
        "SEL-RETENTION-COVERAGE": (
            13,
            (
                RIGHT,
                "No category has a period of its own: the retention text covers no named data.",
            ),
        ),
        "SEL-RETENTION-OPEN-ENDED": (
            1,
            (RIGHT, "One rule gives criteria with no event that ends the keeping."),
        ),
        "SEL-RETENTION-SCOPE": (
            1,
            (RIGHT, "Its retention text names no data, so no rule says which data it covers."),
        ),
    },
    "002_3ad58c9372732bf8": {
        "SEL-PURPOSE-BASIS": (5, None),
        "SEL-ANSWER-RECIPIENTS": (1, None),
        "SEL-COOKIE-DETAILS": (1, None),
        "SEL-ANSWER-TRANSFERS": (1, NO_TRANSFER_ANSWER),
        # Once also on "voidaan pyytää" in the rights paragraph: the person's own request.
        "SEL-VAGUE-WORDS": (1, None),
        "SEL-ANSWER-EFFECTIVE-DATE": (1, (RIGHT, "The notice carries no date at all.")),
        "SEL-ACCESS-LIMIT": (1, None),
        "SEL-REPEALED-ACT": (2, None),
        "SEL-RETENTION-COVERAGE": (
            8,
            (
                RIGHT,
                "No category has a period of its own: the retention text covers no named data.",
            ),
        ),
        "SEL-RETENTION-OPEN-ENDED": (
            1,
            (RIGHT, "One rule gives criteria with no event that ends the keeping."),
        ),
        "SEL-RETENTION-SCOPE": (
            1,
            (RIGHT, "Its retention text names no data, so no rule says which data it covers."),
        ),
    },
    "003_5e480617d9af7100": {
        "SEL-CONTROLLER-ADDRESS": (1, None),
        "SEL-CONTROLLER-CONTACT": (
            1,
            (RIGHT, "The controller is given by name and business ID only: no email or phone."),
        ),
        "SEL-PURPOSE-BASIS": (4, None),
        # Once also on recipients named only as categories: 13(1)(e) allows categories, and a
        # category needs neither a role nor a country.
        "SEL-COOKIE-DETAILS": (
            2,
            (RIGHT, "Neither Google Analytics nor the log-in cookies name a provider's country."),
        ),
        "SEL-ANSWER-TRANSFERS": (1, NO_TRANSFER_ANSWER),
        "SEL-COOKIE-TRANSFER": (1, None),
        "SEL-REPEALED-ACT": (1, None),
        "SEL-RETENTION-COVERAGE": (
            8,
            (
                RIGHT,
                "No category has a period of its own: the retention text covers no named data.",
            ),
        ),
        "SEL-RETENTION-OPEN-ENDED": (
            1,
            (RIGHT, "One rule gives criteria with no event that ends the keeping."),
        ),
        "SEL-RETENTION-SCOPE": (
            4,
            (RIGHT, "Its retention text names no data, so no rule says which data it covers."),
        ),
    },
    "004_ed21f033915938f6": {
        "SEL-CONTROLLER-ADDRESS": (1, None),
        "SEL-PURPOSE-BASIS": (7, None),
        # Once also on recipients named only as categories: 13(1)(e) allows categories, and a
        # category needs neither a role nor a country.
        "SEL-ANSWER-TRANSFERS": (1, NO_TRANSFER_ANSWER),
        "SEL-RETENTION-NONE": (1, None),
        "SEL-SPECIAL-CONDITION": (1, None),
        "SEL-VAGUE-WORDS": (1, None),
        "SEL-PROCESSOR-DISCLAIMER": (1, None),
        "SEL-REPEALED-ACT": (2, None),
    },
}
BLANK_CONTROLLER = dict.fromkeys(("street_address", "postal_code", "city", "email", "phone"), "")


def seed_case(seed: str) -> Case:
    """The seed as a calibration case: its fixture with the wording written back, the controller
    its notice describes, READING as the expected codes and the findings reviewed wrong."""
    data = json.loads((FIXTURES / f"{seed}.json").read_text(encoding="utf-8"))
    for (wording_seed, _code), (field, quote) in WORDING.items():
        if wording_seed == seed:
            data[field] = {"fi": " ".join(filter(None, [data[field].get("fi"), quote]))}
    wrong = {
        code for code, (_n, verdict) in REVIEW[seed].items() if verdict and verdict[0] == WRONG
    }
    return Case(
        name=seed,
        article="GDPR 13, 14",
        register=data,
        expected=tuple(codes for codes, _article, _why in READING[seed]),
        wrong=frozenset(wrong),
        controller={**BLANK_CONTROLLER, **CONTROLLERS[seed]},
    )


def seed_cases() -> list[Case]:
    return [seed_case(seed) for seed in sorted(READING)]


def test_the_reading_cites_real_rules_and_their_articles() -> None:
    for findings in READING.values():
        for codes, article, why in findings:
            assert why
            for code in codes.split("|"):
                assert code in RULES
                assert article.split(",")[0].split("(")[0] in RULES[code].article


def test_every_finding_is_read_or_reviewed() -> None:
    for seed, review in REVIEW.items():
        read = {code for codes, _a, _w in READING[seed] for code in codes.split("|")}
        for code, (count, verdict) in review.items():
            assert count > 0
            assert code in read or verdict is not None, (seed, code)


@pytest.mark.parametrize("seed", sorted(READING))
def test_the_checker_finds_what_a_careful_reader_finds(in_acme: Any, seed: str) -> None:
    outcome = run(seed_case(seed))
    assert outcome.missed == []


@pytest.mark.parametrize("seed", sorted(REVIEW))
def test_each_seed_gets_exactly_the_reviewed_findings(in_acme: Any, seed: str) -> None:
    case = seed_case(seed)
    with translation.override("en"):
        reported = Counter(code for code in reported_codes(case))
    assert dict(reported) == {code: count for code, (count, _v) in REVIEW[seed].items()}


def reported_codes(case: Case) -> list[str]:
    """Every finding's code, once per finding (the calibration counts codes only)."""
    codes: list[str] = []
    with transaction.atomic():
        controller = Controller.load()
        Controller.objects.filter(pk=controller.pk).update(**{**CONTROLLER, **case.controller})
        controller.refresh_from_db()
        register = register_from_dict(case.register)
        codes = [finding.code for finding in check(register, controller)]
        transaction.set_rollback(True)
    return codes
