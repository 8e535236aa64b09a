"""The audit trail's details as a person reads them: labelled, with names instead of codes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tenants.models import Role

DETAIL_LABELS = {
    "register": _("Register"),
    "section": _("Section"),
    "version": _("Version"),
    "previous": _("Previous version"),
    "summary": _("What changed"),
    "email": _("Email"),
    "member": _("Member"),
    "role": _("Role"),
    "old": _("Previous role"),
    "new": _("New role"),
    "slug": _("Address"),
    "kind": _("Method"),
    "source": _("Copied from the organisation"),
    "source_register": _("Copied from the register"),
    "template": _("Template"),
    "accent": _("Accent colour"),
    "logo": _("Logo"),
    "host": _("Host name"),
}
# The editor's section pages by their addresses. The same words as their titles in
# registers/editor/sections.py; this room may not import that one.
SECTION_NAMES = {
    "basics": _("Basics"),
    "purposes": _("Purposes and legal bases"),
    "categories": _("Data categories"),
    "sources": _("Sources"),
    "recipients": _("Recipients"),
    "transfers": _("Transfers outside the EU and EEA"),
    "retention": _("Retention"),
    "automated": _("Automated decisions"),
    "security": _("Security"),
    "cookies": _("Cookies and analytics"),
    "rights": _("Rights"),
}
ROLE_KEYS = frozenset({"role", "old", "new"})


def detail_items(detail: Any) -> list[tuple[str, str]]:
    """(label, value) of each detail, in the reader's language; unknown keys keep their name."""
    if not isinstance(detail, dict):
        return []
    return [(str(DETAIL_LABELS.get(key, key)), _value(key, value)) for key, value in detail.items()]


def _value(key: str, value: Any) -> str:
    if key == "section":
        return str(SECTION_NAMES.get(value, value))
    if key in ROLE_KEYS and value in Role.values:
        return str(Role(value).label)
    return "–" if value in (None, "") else str(value)
