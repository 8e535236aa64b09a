"""The GDPR Art. 13/14 checker: what a register still lacks before its notice can be published.

Each rule has a stable code, a severity (an error blocks publishing, a warning does not), the
article it enforces and a message in the reader's language that says what is missing and which
field fixes it. ``RULES`` lists them all in article order; docs/checker.md is generated from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache

from registers.compliance import (
    answers,
    coherence,
    crosschecks,
    items,
    notice,
    retention,
    text,
    text_scans,
    transfers,
)
from registers.compliance.base import RULES, Facts, Finding, Rule, Severity
from registers.compliance.summary import error_key, remember
from registers.compliance.text import to_review_by_language
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
    "error_count",
    "to_review_by_language",
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
    coherence,
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


def _key(register: Register, controller: Controller | None) -> str:
    if controller is None:
        controller = Controller.objects.filter(pk=1).first()
    return error_key(
        register_pk=register.pk,
        version=register.version,
        updated_at=register.updated_at,
        controller_version=controller.version if controller else None,
    )


def error_count(register: Register, controller: Controller | None = None) -> int:
    """How many errors block the register now; checked again only when its content changed."""
    key = _key(register, controller)
    count = cache.get(key)
    if count is None:
        count = remember(key, check(register, controller))
    return int(count)


def checklist_context(register: Register, controller: Controller | None = None) -> dict[str, Any]:
    """The context of templates/registers/editor/_checklist.html, ready to pass through a view."""
    findings = check(register, controller)
    remember(_key(register, controller), findings)  # for the lists of registers
    errors = blocking(findings)
    items = [{"finding": f, "url": f.url(register)} for f in findings]
    return {
        "register": register,
        "findings": findings,
        "completeness": completeness(findings),
        "checklist": items,
        "error_count": len(errors),
        "warning_count": len(findings) - len(errors),
        "to_review": to_review_by_language(register.languages, items),
    }
