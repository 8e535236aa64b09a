"""How many errors block a register, remembered per content so that lists need not re-check.

The key names everything the checker reads: the register's row (its version and its last save,
which every section page and every row change bump), the controller's version and the rule set.
A changed answer is a new key, so a remembered count is never stale; a count not remembered yet is
worked out, and every checklist the editor shows remembers its own.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache as once

from django.core.cache import cache

from registers.compliance.base import RULES, Finding, Severity


@once
def ruleset() -> str:
    """A change to the rules (a new code, a severity changed) is a new key."""
    codes = "|".join(f"{code}:{rule.severity}" for code, rule in sorted(RULES.items()))
    return hashlib.sha256(codes.encode()).hexdigest()[:12]


# Keys of replaced content are never read again; they expire rather than pile up.
TIMEOUT = 60 * 60 * 24 * 7


def error_key(
    *, register_pk: int, version: int, updated_at: datetime, controller_version: int | None
) -> str:
    """The cache key of one register's error count; the cache adds the organisation's schema."""
    stamp = updated_at.timestamp()
    return f"compliance.errors:{ruleset()}:{register_pk}:{version}:{stamp}:{controller_version}"


def remember(key: str, findings: list[Finding]) -> int:
    count = sum(1 for finding in findings if finding.severity == Severity.ERROR)
    cache.set(key, count, TIMEOUT)
    return count
