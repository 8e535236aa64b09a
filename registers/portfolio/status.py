"""Where each register of each of a user's organisations stands, one query per organisation.

The query reads the registers with their latest version and the controller's version. Whether
errors block a register comes from the count the checker remembers for exactly that content
(registers.compliance.summary): the editor remembers it whenever it shows a checklist, so the
dashboard re-checks only registers changed some other way (an import, a copy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from registers.compliance import check
from registers.compliance.summary import error_key, remember
from registers.models import Controller, PublicationReview, Register, ReviewState, Version
from tenants.models import Membership


@dataclass
class RegisterState:
    """One register as the dashboard lists it."""

    pk: int
    slug: str
    title: str
    version: int
    updated_at: datetime
    published_number: int | None
    published_at: datetime | None
    errors: int = 0
    # Set by STATE_HOOKS: short labels such as "translations to review" once those exist.
    notes: list[str] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.published_number is not None

    @property
    def edited_since(self) -> bool:
        """Saved after its latest version was published (or never published)."""
        return self.published_at is None or self.updated_at > self.published_at

    def state(self) -> str:
        """One of the dashboard's filters: errors, ready, published."""
        if self.errors:
            return "errors"
        return "ready" if self.edited_since else "published"


@dataclass
class OrganisationState:
    membership: Membership
    registers: list[RegisterState]


# Called with each organisation's states inside its schema, after the errors are counted: the
# place for review and translation states to add their notes when those features exist.
STATE_HOOKS: list[Callable[[Membership, list[RegisterState]], None]] = []


def organisation_state(membership: Membership, language: str) -> OrganisationState:
    with schema_context(membership.organisation.schema_name):
        rows = _registers()
        states = [_state(row, language) for row in rows]
        _count_errors(rows, states)
        for hook in STATE_HOOKS:
            hook(membership, states)
    return OrganisationState(membership=membership, registers=states)


def _registers() -> list[Register]:
    """The schema's registers with their latest version and the controller's version: one query."""
    latest = Version.objects.filter(register=OuterRef("pk")).order_by("-number")
    controller = Controller.objects.filter(pk=1).values("version")
    return list(
        Register.objects.annotate(
            published_number=Subquery(latest.values("number")[:1]),
            published_at=Subquery(latest.values("published_at")[:1]),
            controller_version=Subquery(controller[:1]),
        ).order_by("created_at", "pk")
    )


def _state(register: Register, language: str) -> RegisterState:
    return RegisterState(
        pk=register.pk,
        slug=register.slug,
        title=register.title(language),
        version=register.version,
        updated_at=register.updated_at,
        published_number=register.published_number,  # type: ignore[attr-defined]
        published_at=register.published_at,  # type: ignore[attr-defined]
    )


def _count_errors(registers: list[Register], states: list[RegisterState]) -> None:
    keys = [
        error_key(
            register_pk=register.pk,
            version=register.version,
            updated_at=register.updated_at,
            controller_version=register.controller_version,  # type: ignore[attr-defined]
        )
        for register in registers
    ]
    known = cache.get_many(keys)
    missing = [(r, s, k) for r, s, k in zip(registers, states, keys, strict=True) if k not in known]
    for state, key in zip(states, keys, strict=True):
        state.errors = int(known.get(key, 0))
    # Read, never created here: an organisation without details is checked as such.
    controller = Controller.objects.filter(pk=1).first() if missing else None
    for register, state, key in missing:
        state.errors = remember(key, check(register, controller))


def waiting_for_review(membership: Membership, states: list[RegisterState]) -> None:
    """Mark the registers an editor has submitted and no owner has decided on: one query."""
    if not states:
        return
    waiting = set(
        PublicationReview.objects.filter(state=ReviewState.SUBMITTED).values_list(
            "register_id", flat=True
        )
    )
    for state in states:
        if state.pk in waiting:
            state.notes.append(_("waiting for review"))


STATE_HOOKS.append(waiting_for_review)
