"""Accent colours and their contrast, computed as WCAG 2.2 defines it.

The accent colours headings and links on a white page, and may carry white text, so it must
reach the AA ratio for normal text against both (on a white page the two are the same number).
"""

from __future__ import annotations

import math
import re

HEX = re.compile(r"^#[0-9a-f]{6}$")
PAGE_BACKGROUND = "#ffffff"
TEXT_ON_ACCENT = "#ffffff"
MINIMUM = 4.5  # WCAG 2.2 success criterion 1.4.3, normal text


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def weakest_contrast(colour: str) -> float:
    """The lower of the accent's contrasts against the page and against text set on it."""
    return min(contrast(colour, PAGE_BACKGROUND), contrast(colour, TEXT_ON_ACCENT))


def shown(ratio: float) -> float:
    """The ratio rounded down to two decimals, so that 4.499 never reads as an accepted 4.50."""
    return math.floor(ratio * 100) / 100
