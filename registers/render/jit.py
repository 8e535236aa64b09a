"""A short notice as HTML: the fragment the embed script shows, and its frame page."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from registers.document.jit import ShortNotice


def render_short_fragment(notice: ShortNotice, *, full_url: str) -> str:
    """``full_url`` is absolute: the fragment is shown on the organisation's own website."""
    with translation.override(notice.language):
        return render_to_string(
            "notices/jit/fragment.html", {"notice": notice, "full_url": full_url}
        )


def render_short_frame(notice: ShortNotice, fragment: str) -> str:
    # The fragment is our own rendering of the same notice, already escaped.
    with translation.override(notice.language):
        context = {"notice": notice, "fragment": mark_safe(fragment)}
        return render_to_string("notices/jit/frame.html", context)
