"""Where a register stands: its latest version and whether the draft would publish as new.

The comparison is the one ``register_publish`` makes, so "changed since" on the overview means
exactly that publishing now would make a new version.
"""

from __future__ import annotations

from dataclasses import dataclass

from registers.document import build_document
from registers.models import Controller, Register, Version
from registers.publishing.versions import content_hash, latest_version, snapshot
from registers.render.html import render_fragment


@dataclass(frozen=True)
class RegisterStatus:
    latest: Version | None
    changed: bool

    @property
    def published(self) -> bool:
        return self.latest is not None


def draft_hash(register: Register, controller: Controller) -> str:
    drafts = [build_document(register, controller, lang) for lang in register.languages]
    return content_hash(snapshot(register, controller), [render_fragment(d) for d in drafts])


def register_status(register: Register, controller: Controller) -> RegisterStatus:
    latest = latest_version(register)
    if latest is None:
        return RegisterStatus(latest=None, changed=True)
    return RegisterStatus(
        latest=latest, changed=draft_hash(register, controller) != latest.content_hash
    )
