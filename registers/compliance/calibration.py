"""Measuring the checker against registers whose faults are known: catch rate and false findings.

A case is a register in the JSON import format with the codes the checker must report
(``expected``; "A|B" accepts either) and the codes it must not (``unexpected``). The fault-class
files (one JSON file per class of fault) are cases; so are the seed notices, with the findings a
reviewer judged wrong. ``measure`` imports each case into the current schema inside a savepoint
that is rolled back, so nothing of it stays.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from registers.compliance import check
from registers.models import Controller
from registers.portable import register_from_dict

# A controller that passes every controller rule, for cases about the register alone; a case's
# own "controller" object replaces what it names.
CONTROLLER = {
    "legal_name": "Esimerkki Oy",
    "street_address": "Esimerkkikatu 1",
    "postal_code": "00100",
    "city": "Helsinki",
    "country": "FI",
    "email": "tietosuoja@esimerkki.example",
    "phone": "",
    "has_dpo": False,
    "has_representative": False,
}


@dataclass(frozen=True)
class Case:
    name: str
    article: str
    register: dict[str, Any]
    expected: tuple[str, ...]
    unexpected: frozenset[str] = frozenset()
    wrong: frozenset[str] = frozenset()  # findings a reviewer judged false, for the seeds
    controller: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: Path) -> Case:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            name=path.stem,
            article=data["article"],
            register=data["register"],
            expected=tuple(data["expected"]),
            unexpected=frozenset(data.get("unexpected", ())),
            controller=data.get("controller", {}),
        )


@dataclass(frozen=True)
class Outcome:
    case: Case
    found: frozenset[str]

    @property
    def missed(self) -> list[str]:
        return [codes for codes in self.case.expected if not self.found & set(codes.split("|"))]

    @property
    def caught(self) -> int:
        return len(self.case.expected) - len(self.missed)

    @property
    def false(self) -> set[str]:
        return set(self.found & (self.case.unexpected | self.case.wrong))


def cases_in(directory: Path) -> list[Case]:
    """The cases the checker reads: a file with ``import_errors`` is one the importer refuses
    (a partial date, say), so it never reaches the checker and its own test proves the refusal."""
    paths = sorted(directory.glob("*.json"))
    return [
        Case.from_file(path)
        for path in paths
        if "import_errors" not in json.loads(path.read_text(encoding="utf-8"))
    ]


def run(case: Case) -> Outcome:
    """The codes the checker reports for the case; the database is left as it was."""
    with transaction.atomic():
        controller = Controller.load()
        Controller.objects.filter(pk=controller.pk).update(**{**CONTROLLER, **case.controller})
        controller.refresh_from_db()
        register = register_from_dict(case.register, slug=f"calibration-{case.name}"[:60])
        found = frozenset(finding.code for finding in check(register, controller))
        transaction.set_rollback(True)
    return Outcome(case, found)


@dataclass(frozen=True)
class Tally:
    expected: int
    caught: int
    false: int
    cases: int

    @property
    def catch_rate(self) -> float:
        return self.caught / self.expected if self.expected else 1.0


def tally(outcomes: Iterable[Outcome]) -> Tally:
    outcomes = list(outcomes)
    return Tally(
        expected=sum(len(o.case.expected) for o in outcomes),
        caught=sum(o.caught for o in outcomes),
        false=sum(len(o.false) for o in outcomes),
        cases=len(outcomes),
    )


def report(title: str, outcomes: list[Outcome]) -> list[str]:
    """Lines for a reader: one per case that misses or over-reports, then the totals."""
    lines = [title]
    for outcome in outcomes:
        if outcome.missed or outcome.false:
            missed = ", ".join(outcome.missed) or "-"
            false = ", ".join(sorted(outcome.false)) or "-"
            lines.append(f"  {outcome.case.name}: missed {missed}; false {false}")
    total = tally(outcomes)
    lines.append(
        f"  {total.cases} cases: caught {total.caught} of {total.expected} expected findings "
        f"({total.catch_rate:.0%}), {total.false} false findings"
    )
    return lines
