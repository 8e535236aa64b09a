"""The five seed notices, entered as registers, load into an organisation and round-trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from registers.models import Register
from registers.portable import register_from_dict, register_to_dict
from tests.registers.test_portable import validator

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
FILES = sorted(SEEDS.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_there_are_five_seeds():
    assert [p.name[:3] for p in FILES] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_seed_loads_and_exports_exactly_as_written(in_acme, path):
    # The seeds are version 1 files: exported as version 3, the questions version 1 did not
    # ask (are there recipients, transfers? how is consent asked? which data does a rule
    # cover?) stay unanswered, and nothing else changes.
    register = register_from_dict(load(path))
    expected = {**load(path), "version": 3, "has_recipients": None, "has_transfers": None}
    for purpose in expected["purposes"]:
        purpose["consent_method"] = ""
    for transfer in expected["transfers"]:
        transfer["country_unknown"] = False
    for rule in expected["retention"]:
        rule.update(categories=[], all_other_data=False, end_event={})
    assert register_to_dict(register) == expected
    validator("register-v1").validate(load(path))
    validator("register-v3").validate(register_to_dict(register))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_seed_is_in_finnish_only(path):
    data = load(path)
    assert data["languages"] == ["fi"]
    assert '"en":' not in path.read_text()
    assert '"sv":' not in path.read_text()


def test_all_seeds_fit_in_one_organisation(in_acme):
    for path in FILES:
        register_from_dict(load(path))
    assert Register.objects.count() == len(FILES)


def test_seeds_keep_what_the_notices_lack(in_acme):
    # The faults the notices show must survive the import, so that the checker can find them.
    remonttilinkki = register_from_dict(load(SEEDS / "003_5e480617d9af7100.json"))
    assert set(remonttilinkki.purposes.values_list("basis", flat=True)) == {""}
    omaparantola = register_from_dict(load(SEEDS / "004_ed21f033915938f6.json"))
    health = omaparantola.categories.get(category="MedicalHealth")
    assert (health.is_special, health.special_condition) == (True, "")
    assert not omaparantola.retention.exists()
    wellnessroom = register_from_dict(load(SEEDS / "002_3ad58c9372732bf8.json"))
    assert "Henkilötietolain 10 §" in wellnessroom.introduction["fi"]
