"""The model's fault classes beyond what the general harness (test_fault_classes.py) asserts:
complete registers with no finding at all, a partial date refused at import, and what the notice
prints for a chosen 9(2) condition and an unknown transfer country."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from registers.compliance import blocking, check
from registers.demo import fill_demo
from registers.document import build_document
from registers.models import Controller
from registers.portable import ImportErrors, register_from_dict

FAULTS = Path(__file__).resolve().parent / "fault_classes"
# Registers that are complete: no finding at all, so their "unexpected" lists cannot pass by luck.
CLEAN = ("model_consent_opt_in", "model_recipient_eu_eea", "model_retention_weeks")


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def codes_of(fault: dict[str, Any]) -> set[str]:
    fill_demo()  # the demo controller: name, business ID, address, email, contact person
    register = register_from_dict(fault["register"])
    return {finding.code for finding in check(register, Controller.load())}


@pytest.mark.parametrize("name", CLEAN)
def test_the_complete_registers_have_no_finding(in_acme, name):
    assert codes_of(load(FAULTS / f"{name}.json")) == set()


@pytest.mark.parametrize("language", ["en", "fi"])
def test_a_partial_date_is_refused_at_its_field_in_the_users_language(in_acme, language):
    fault = load(FAULTS / "model_partial_date.json")
    with translation.override(language), pytest.raises(ImportErrors) as raised:
        register_from_dict(fault["register"])
    problems = dict(raised.value.errors)
    assert sorted(problems) == fault["import_errors"]
    expected = {"en": "full date", "fi": "koko päivämäärä"}[language]
    assert expected in problems["effective_date"]


def test_a_chosen_condition_is_printed_and_the_row_is_special_whatever_the_box(in_acme):
    fault = load(FAULTS / "model_special_condition_unticked.json")
    fill_demo()
    register = register_from_dict(fault["register"])
    lines = build_document(register, Controller.load(), "en").lines("data")
    health = next(line for line in lines if line.startswith("Health data"))
    assert "special category of personal data" in health
    assert "(GDPR Art. 9(2)(h))" in health
    assert any("Special diet" in line and "9(2)(a)" in line for line in lines)
    assert all(row.special for row in register.categories.filter(position__gte=2))


def test_an_unknown_country_is_printed_as_said_and_blocks_publishing(in_acme):
    fault = load(FAULTS / "model_transfer_country_unknown.json")
    fill_demo()
    register = register_from_dict(fault["register"])
    lines = build_document(register, Controller.load(), "en").lines("transfers")
    assert "Country: Not known, or several countries" in lines
    errors = {f.code for f in blocking(check(register, Controller.load()))}
    assert "SEL-TRANSFER-COUNTRY" in errors
