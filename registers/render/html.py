"""The notice as HTML: the hosted page, the embeddable fragment and the iframe page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from registers.document import NoticeDocument
from registers.render.brand import Brand


@dataclass(frozen=True)
class Alternate:
    language: str
    url: str
    name: str


@dataclass(frozen=True)
class PageLinks:
    """Where the page points: its other languages, its PDF, the archive."""

    canonical: str
    pdf: str
    archive: str
    alternates: tuple[Alternate, ...] = ()
    current: str = ""
    jsonld: str = ""
    feed: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def render(template: str, document: NoticeDocument, **context: Any) -> str:
    # The page around the document speaks the notice's language, whoever publishes it.
    with translation.override(document.language):
        return render_to_string(template, {"document": document, **context})


def render_fragment(
    document: NoticeDocument, *, number: int | None = None, brand: Brand | None = None
) -> str:
    return render("notices/fragment.html", document, number=number, brand=brand)


def render_summary(document: NoticeDocument, *, page_url: str) -> str:
    """The summary layer alone, for an embed of its own; it links to the full notice."""
    return render("notices/summary_fragment.html", document, page_url=page_url)


def render_page(
    document: NoticeDocument,
    links: PageLinks,
    *,
    number: int | None = None,
    brand: Brand | None = None,
) -> str:
    return render("notices/page.html", document, links=links, number=number, brand=brand)


def render_frame(document: NoticeDocument, fragment: str, *, brand: Brand | None = None) -> str:
    # The fragment is our own rendering of the same document, already escaped.
    return render("notices/frame.html", document, fragment=mark_safe(fragment), brand=brand)
