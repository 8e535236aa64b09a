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
from pathlib import Path
from typing import Any

import pytest

from registers.compliance import RULES, check
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
            '"voidaan tallettaa", "voidaan pyytää": what is stored is left open.',
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


def test_the_reading_cites_real_rules_and_their_articles() -> None:
    for findings in READING.values():
        for codes, article, why in findings:
            assert why
            for code in codes.split("|"):
                assert code in RULES
                assert article.split(",")[0].split("(")[0] in RULES[code].article


@pytest.mark.parametrize("seed", sorted(READING))
def test_the_checker_finds_what_a_careful_reader_finds(in_acme: Any, seed: str) -> None:
    data = json.loads((FIXTURES / f"{seed}.json").read_text(encoding="utf-8"))
    for (wording_seed, _code), (field, quote) in WORDING.items():
        if wording_seed == seed:
            data[field] = {"fi": " ".join(filter(None, [data[field].get("fi"), quote]))}
    register = register_from_dict(data)
    controller = Controller.load()
    Controller.objects.filter(pk=controller.pk).update(**CONTROLLERS[seed])
    controller.refresh_from_db()
    reported = {finding.code for finding in check(register, controller)}
    missed = [
        codes for codes, _article, _why in READING[seed] if not reported & set(codes.split("|"))
    ]
    assert missed == []
