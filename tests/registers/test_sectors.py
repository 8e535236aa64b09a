"""The six sector templates: they load, they are complete, and new registers start from them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from registers.compliance import check
from registers.demo import fill_demo
from registers.models import Controller, Register
from registers.portable import ROWS, ImportErrors, register_from_dict, register_to_dict
from registers.sectors import SECTORS, TEMPLATES, Sector, create_from_sector, load_sector
from registers.vocabulary import SAFEGUARD_MECHANISMS, is_eea
from tests.registers.test_portable import validator

ALL = list(Sector)


def texts(data: dict[str, Any]) -> list[dict[str, str]]:
    """Every translated text of a register dict, rows included."""
    found = [v for v in data.values() if isinstance(v, dict)]
    for name in ROWS:
        for row in data[name]:
            found += [v for v in row.values() if isinstance(v, dict)]
    return found


def test_every_sector_has_a_template_and_no_template_is_orphaned():
    assert SECTORS is Sector
    assert {p.stem for p in TEMPLATES.glob("*.json")} == set(Sector.values)


@pytest.mark.parametrize("sector", ALL)
def test_each_template_loads_and_round_trips(in_acme, sector):
    data = load_sector(sector)
    validator("register-v3").validate(data)
    assert register_to_dict(register_from_dict(load_sector(sector))) == data


@pytest.mark.parametrize("sector", ALL)
def test_each_template_is_written_in_all_three_languages(sector):
    data = load_sector(sector)
    assert data["languages"] == ["fi", "en", "sv"]
    for text in texts(data):
        assert not text or set(text) == {"fi", "en", "sv"}, text


def purpose_problems(purpose: dict[str, Any]) -> list[str]:
    problems = []
    if not purpose["basis"]:
        problems.append("no legal basis")
    if purpose["basis"] == "A6-1-f" and not purpose["legitimate_interest"]:
        problems.append("legitimate interest not described")
    if purpose["basis"] in {"A6-1-b", "A6-1-c"} and not purpose["consequence"]:
        problems.append("no consequence of not providing the data")
    if purpose["basis"] == "A6-1-c" and purpose["requirement"] != "statutory":
        problems.append("legal obligation not marked statutory")
    # Consent asked by a clear act, the only kind that is valid (Art. 4(11)).
    if purpose["basis"] == "A6-1-a" and purpose["consent_method"] != "opt-in":
        problems.append("consent without an opt-in")
    return problems


def transfer_problems(data: dict[str, Any]) -> list[str]:
    problems = []
    covered = {t["recipient"] for t in data["transfers"]}
    for index, recipient in enumerate(data["recipients"]):
        if not is_eea(recipient["country"]) and index not in covered:
            problems.append(f"recipient {index} outside the EEA without a transfer")
    for transfer in data["transfers"]:
        if not transfer["mechanism"] or transfer["recipient"] is None:
            problems.append("transfer without mechanism or recipient")
        if transfer["mechanism"] in SAFEGUARD_MECHANISMS and not transfer["copy_available"]:
            problems.append("safeguard without a way to obtain a copy")
    for cookie in data["cookies"]:
        if not is_eea(cookie["country"]) and not cookie["mechanism"]:
            problems.append(f"cookie {cookie['name']} outside the EEA without a mechanism")
    return problems


@pytest.mark.parametrize("sector", ALL)
def test_each_template_leaves_only_the_organisations_own_details(sector):
    data = load_sector(sector)
    problems = [p for purpose in data["purposes"] for p in purpose_problems(purpose)]
    problems += transfer_problems(data)
    problems += [
        "special category without an Art. 9(2) condition"
        for row in data["categories"]
        if row["is_special"] and not row["special_condition"]
    ]
    if any(row["category"] == "personal-identity-code" for row in data["categories"]):
        problems += [] if data["identity_code_need"] else ["identity code need not explained"]
    for key in ("security", "rights_channel"):
        problems += [] if data[key] else [f"{key} is empty"]
    problems += [] if data["retention"] else ["no retention rule"]
    problems += [
        "retention without a period or an end"
        for rule in data["retention"]
        if not rule["period"] and not rule["end_event"]
    ]
    covered = {index for rule in data["retention"] for index in rule["categories"]}
    problems += [
        f"category {index} has no retention rule"
        for index in range(len(data["categories"]))
        if index not in covered
    ]
    assert problems == []


def test_a_new_register_keeps_only_the_chosen_languages(in_acme):
    register = create_from_sector(
        Sector.WEB_SHOP,
        name={"fi": "Asiakkaat", "en": "Customers"},
        slug="customers",
        languages=["fi", "en"],
    )
    data = register_to_dict(register)
    assert data["name"] == {"fi": "Asiakkaat", "en": "Customers"}
    assert (data["slug"], data["languages"]) == ("customers", ["fi", "en"])
    assert all("sv" not in text for text in texts(data))
    assert (
        data["purposes"][0]["description"]["en"]
        == "Handling and delivering orders, and the customer account"
    )
    assert len(data["purposes"]) == len(load_sector(Sector.WEB_SHOP)["purposes"])


def test_a_new_register_from_a_template_refuses_a_taken_slug(in_acme):
    create_from_sector(Sector.CLINIC, name={"fi": "Potilaat"}, slug="patients", languages=["fi"])
    with pytest.raises(ImportErrors) as raised:
        create_from_sector(
            Sector.ASSOCIATION, name={"fi": "Jäsenet"}, slug="patients", languages=["fi"]
        )
    assert [path for path, _message in raised.value.errors] == ["slug"]
    assert Register.objects.count() == 1


def test_an_unknown_sector_is_refused():
    with pytest.raises(ValueError, match="shipyard"):
        load_sector("shipyard")


def test_the_demo_organisation_gets_a_patient_register(in_acme):
    fill_demo()
    register = Register.objects.get(slug="patients")
    assert register.languages == ["fi", "en"]
    assert register.title("en") == "Patient register"
    assert register.categories.filter(is_special=True, special_condition="A9-2-h").count() == 2
    assert Controller.load().legal_name == "Demo Clinic Oy"


@pytest.mark.parametrize("sector", ALL)
def test_each_template_passes_the_checker_once_the_controller_is_filled_in(in_acme, sector):
    fill_demo()  # the demo controller: name, business ID, address, email, contact person
    register = create_from_sector(
        sector,
        name={"fi": "Rekisteri", "en": "Register", "sv": "Register"},
        slug="new",
        languages=["fi", "en", "sv"],
    )
    # The one answer a template cannot give: from when the organisation's notice applies.
    register.effective_date = datetime.date(2026, 3, 1)
    register.save(update_fields=["effective_date"])
    findings = check(register, Controller.load())
    assert [(f.code, str(f.message)) for f in findings] == []
