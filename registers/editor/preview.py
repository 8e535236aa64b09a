"""The notice beside the editor: the draft in one of the register's languages, as published.

It is the preview page's document and writer (``draft_document``, ``render_fragment``), shown
when the user opens it and rendered again with every save, since a save reloads the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from registers.models import Register
from registers.publishing.versions import draft_document
from registers.render.html import render_fragment


@dataclass(frozen=True)
class LivePreview:
    language: str
    fragment: str


def live_preview(register: Register, language: str) -> LivePreview | None:
    if language not in register.languages:
        return None
    return LivePreview(language, render_fragment(draft_document(register, language)))
