"""The GDPR Art. 13/14 checker: what a register still lacks before its notice can be published.

Each rule has a stable code, a severity (an error blocks publishing, a warning does not), the
article it enforces and a message in the reader's language that says what is missing and which
field fixes it. ``RULES`` lists them all in article order; docs/checker.md is generated from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from registers.compliance import (
    answers,
    crosschecks,
    items,
    notice,
    retention,
    text,
    text_scans,
    transfers,
)
from registers.compliance.base import RULES, Facts, Finding, Rule, Severity
from registers.models import Controller, Register

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "Severity",
    "blocking",
    "check",
    "checklist_context",
    "completeness",
]

_RULE_MODULES = (
    answers,
    items,
    transfers,
    notice,
    retention,
    text,
    text_scans,
    crosschecks,
)  # imported for their rules


def check(register: Register, controller: Controller | None = None) -> list[Finding]:
    """Every finding for the register, ordered by article (GDPR 13/14 items first).

    Messages are translated into the active language. Without a controller, the schema's
    controller row is read (and its absence reported), never created.
    """
    facts = Facts.load(register, controller)
    return [finding for rule in RULES.values() for finding in rule.findings(facts)]


def completeness(findings: Iterable[Finding]) -> int:
    """The weighted share (0-100) of rules that pass; an error weighs three warnings."""
    failed = {finding.code for finding in findings}
    total = sum(rule.weight for rule in RULES.values())
    passed = sum(rule.weight for rule in RULES.values() if rule.code not in failed)
    return round(100 * passed / total) if total else 100


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop the register from being published."""
    return [finding for finding in findings if finding.severity == Severity.ERROR]


def checklist_context(register: Register, controller: Controller | None = None) -> dict[str, Any]:
    """The context of templates/registers/editor/_checklist.html, ready to pass through a view."""
    findings = check(register, controller)
    errors = blocking(findings)
    return {
        "register": register,
        "findings": findings,
        "completeness": completeness(findings),
        "checklist": [{"finding": f, "url": f.url(register)} for f in findings],
        "error_count": len(errors),
        "warning_count": len(findings) - len(errors),
    }
