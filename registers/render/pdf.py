"""The notice as an accessible PDF: WeasyPrint, A4, tagged PDF/UA-1, the shipped font embedded."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from registers.document import NoticeDocument
from registers.render.brand import Brand

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
# WeasyPrint logs every layout step at INFO; at publishing that is noise, not news.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for margin boxes, which take strings, not markup)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _fetcher() -> Any:
    """Reads the shipped fonts and the logo we inline as data, nothing else; built once, as
    building one costs 0.1 s."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"file", "data"})


def render_pdf(
    document: NoticeDocument, *, number: int | None = None, brand: Brand | None = None
) -> bytes:
    """The PDF of ``document``; the footer names the organisation, register, version and date."""
    with translation.override(document.language):
        footer = render_to_string(
            "notices/pdf_footer.txt", {"document": document, "number": number}
        )
        context = {
            "document": document,
            "number": number,
            "footer": css_string(" ".join(footer.split())),
            "font_dir": FONTS.as_uri(),
            "brand": brand,
        }
        html = render_to_string("notices/pdf.html", context)
        css = render_to_string("notices/pdf.css", context)
    return pdf_from_html(html, css)


def pdf_from_html(html: str, css: str) -> bytes:
    """A tagged PDF/UA-1 of our own HTML and CSS, with the shipped fonts and nothing fetched."""
    from weasyprint import CSS, HTML

    fonts = _font_config()
    stylesheet = CSS(string=css, font_config=fonts, url_fetcher=_fetcher())
    return bytes(
        HTML(string=html, base_url=str(FONTS), url_fetcher=_fetcher()).write_pdf(
            stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1"
        )
    )


WARM_UP_HTML = (
    '<html lang="fi"><body><h1>Tietosuojaseloste</h1><p>Äänekoski, Åland, øre. '
    "<strong>Rekisterinpitäjä</strong></p></body></html>"
)


def warm_up() -> bytes:
    """Render a small PDF with the notice's stylesheet and both fonts, before any notice.

    A process's first PDF costs about three times a later one: WeasyPrint's modules and
    stylesheets, fontconfig and the fonts are loaded then. A worker that renders PDFs calls this
    when it starts, so that its first publication is as fast as the next.
    """
    context = {"footer": css_string(""), "font_dir": FONTS.as_uri(), "number": None}
    with translation.override("fi"):
        css = render_to_string("notices/pdf.css", context)
    return pdf_from_html(WARM_UP_HTML, css)
