"""Validators for the identifiers a controller enters."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache
from types import ModuleType

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from stdnum.fi import ytunnus

from registers.vocabulary import EU_EEA, country_choices

_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,22}[0-9]$")
# Line breaks, tabs and other C0/C1 control characters: a name or an address is one line, and a
# line break in one would end up in mail headers and break the PDF's layout.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# The modules of python-stdnum that identify an organisation (beside each country's VAT number).
_COMPANY_MODULES = frozenset({
    "abn", "acn", "alv", "associationid", "brn", "businessid", "cif", "cnpj", "cui", "cvr", "dic",
    "ein", "handelsregisternummer", "ico", "iva", "kbo", "kmkr", "kvk", "mva", "nip", "oib",
    "onrc", "orgnr", "pvm", "pvn", "rcs", "regon", "registrikood", "siren", "siret", "tva", "uen",
    "uid", "vat", "ytunnus",
})  # fmt: skip


def _stdnum_modules(country: str) -> list[ModuleType]:
    """python-stdnum's validators for organisations of ``country``; empty when it knows none."""
    code = country.lower()
    try:
        package = importlib.import_module(f"stdnum.{code}")
    except ImportError:
        return []
    names = {m.name for m in pkgutil.iter_modules(package.__path__)} & _COMPANY_MODULES
    return [importlib.import_module(f"stdnum.{code}.{name}") for name in sorted(names)]


def y_tunnus_is_valid(value: str) -> bool:
    """A Finnish business ID (Y-tunnus) written as 1234567-8, with a valid check digit."""
    return ytunnus.is_valid(value) and ytunnus.format(value) == value


def business_id_is_valid(value: str, country: str) -> bool | None:
    """Whether ``value`` is a business ID of ``country``; None when no validator knows it."""
    if country == "FI":
        return y_tunnus_is_valid(value)
    modules = _stdnum_modules(country)
    if not modules:
        return None
    return any(module.is_valid(value) for module in modules)


def validate_business_id(value: str, country: str) -> None:
    if not value or business_id_is_valid(value, country) is not False:
        return
    if country == "FI":
        message = _("Enter a Finnish business ID as 1234567-8 with a valid check digit.")
        raise ValidationError({"business_id": message})
    names = dict(country_choices(get_language() or "en"))
    message = _("Enter a valid business ID or VAT number of %(country)s.")
    raise ValidationError({"business_id": message % {"country": names.get(country, country)}})


def validate_phone(value: str) -> None:
    if value and not _PHONE.match(value):
        raise ValidationError(
            _("Enter a phone number with digits, e.g. +358 40 123 4567 or 09 123 4567."),
            code="invalid_phone",
        )


def validate_country(value: str) -> None:
    if value and value not in {code for code, _name in country_choices("en")}:
        raise ValidationError(_("Choose a country from the list."), code="invalid_country")


def validate_location(value: str) -> None:
    """A recipient's location: a country, or the EU/EEA without naming the member state."""
    if value != EU_EEA:
        validate_country(value)


def validate_single_line(value: str) -> None:
    if isinstance(value, str) and _CONTROL.search(value):
        raise ValidationError(
            _("Enter this on one line, without line breaks or control characters."),
            code="control_character",
        )


# The fonts embedded in every PDF (templates/notices/parts/pdf_fonts.css); a character neither
# draws prints as an empty box, so free text is refused at the field instead.
PDF_FONTS = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
# Line breaks of multi-line text are layout, not glyphs.
_LAYOUT = frozenset("\n\r\t")


@cache
def printable_characters() -> frozenset[str]:
    """The characters every embedded font of the PDF can draw (read from their cmaps)."""
    from fontTools.ttLib import TTFont

    covered: frozenset[str] | None = None
    for name in PDF_FONTS:
        font = TTFont(settings.BASE_DIR / "static" / "fonts" / name, lazy=True)
        chars = frozenset(chr(code) for code in font.getBestCmap())
        covered = chars if covered is None else covered & chars
    return (covered or frozenset()) | _LAYOUT


def unprintable(value: str) -> list[str]:
    """The distinct characters of ``value`` that the PDF cannot draw, in order of appearance."""
    known = printable_characters()
    return list(dict.fromkeys(ch for ch in value if ch not in known))


def validate_printable(value: object) -> None:
    if not isinstance(value, str):
        return
    missing = unprintable(value)
    if missing:
        raise ValidationError(unprintable_message(missing), code="unprintable")


def unprintable_message(missing: list[str]) -> str:
    # Shown with the characters themselves, so the person sees which ones to remove.
    characters = " ".join(missing)
    return str(
        _(
            "The notice cannot show these characters in its PDF: %(characters)s. "
            "Remove them or write them in words."
        )
        % {"characters": characters}
    )


def validate_languages(value: list[str]) -> None:
    """A register's languages: each supported one at most once (the first is the main one)."""
    if len(value) != len(set(value)):
        raise ValidationError(
            {"languages": _("Choose each language only once.")}, code="duplicate_language"
        )


def full_date_message() -> str:
    """A partial date (a month, a year) is not a date: the same words on every path."""
    return str(
        _(
            "Enter the full date with the day, the month and the year, for example 2024-05-31; "
            "a month or a year alone is not a date."
        )
    )
