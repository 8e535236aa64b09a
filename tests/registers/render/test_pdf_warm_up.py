"""A worker loads WeasyPrint and the fonts before its first publication."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from registers.render.pdf import warm_up


def test_the_warm_up_renders_with_both_notice_fonts_embedded():
    reader = PdfReader(io.BytesIO(warm_up()))
    resources: Any = reader.pages[0]["/Resources"]
    fonts = resources["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert any(name.endswith("+Noto-Sans") for name in names), names
    assert any(name.endswith("+Noto-Sans-Bold") for name in names), names
    assert "Rekisterinpitäjä" in reader.pages[0].extract_text()
