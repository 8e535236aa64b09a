"""The evidence harness: one register per class of fault, and the checker's verdict on each.

Every ``*.json`` in fault_classes/ is a register in the JSON import format with the codes the
checker must report for it (``expected``) and those it must not (``unexpected``): a fault, or a
near miss that once drew a false finding. ``scan_*`` files are the text scans' classes, ``rule_*``
the faults real notices show for the other rules, ``model_*`` those of the model's answers. An
optional ``controller`` object replaces fields of a controller that passes every rule; a file
with ``import_errors`` is refused by the importer before any check (test_fault_classes_model.py).

``manage.py checker_calibration`` prints the same outcomes with the seed notices' as totals.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from registers.compliance import RULES
from registers.compliance.calibration import Case, cases_in, run, tally

FAULT_CLASSES = Path(__file__).resolve().parent / "fault_classes"
CASES = cases_in(FAULT_CLASSES)
KEYS = {"class", "article", "register", "expected", "unexpected"}


def test_every_fault_class_file_has_the_format() -> None:
    assert len(CASES) >= 30
    for path in sorted(FAULT_CLASSES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert KEYS <= set(data) <= KEYS | {"controller", "import_errors"}, path.name
        assert data["class"], path.name
        assert data["article"], path.name
        assert path.stem.startswith(("scan_", "rule_", "model_")), path.name


def test_the_codes_named_are_rules() -> None:
    for case in CASES:
        named = {code for codes in case.expected for code in codes.split("|")}
        assert named | case.unexpected <= set(RULES), case.name


def test_every_scan_has_a_fault_and_a_near_miss() -> None:
    scans = [case for case in CASES if case.name.startswith("scan_")]
    assert any(case.expected for case in scans)
    assert any(case.unexpected for case in scans)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_checker_reports_what_the_fault_class_expects(in_acme: Any, case: Case) -> None:
    outcome = run(case)
    assert outcome.missed == []
    assert outcome.false == set()


def test_the_tally_counts_catches_and_false_findings(in_acme: Any) -> None:
    fault = next(case for case in CASES if case.name == "scan_rights_denied")
    near = next(case for case in CASES if case.name == "scan_rights_lawful_limit")
    # The near miss read as if it were the fault: its unexpected code counts as a false finding.
    swapped = Case("swapped", near.article, fault.register, near.expected, near.unexpected)
    total = tally([run(fault), run(swapped)])
    assert (total.expected, total.caught, total.false) == (1, 1, 1)
