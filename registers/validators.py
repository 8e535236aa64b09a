"""Validators for the identifiers a controller enters."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registers.vocabulary import country_choices

_Y_TUNNUS = re.compile(r"^(\d{7})-(\d)$")
_Y_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,22}[0-9]$")
# Line breaks, tabs and other C0/C1 control characters: a name or an address is one line, and a
# line break in one would end up in mail headers and break the PDF's layout.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def y_tunnus_is_valid(value: str) -> bool:
    """A Finnish business ID (Y-tunnus): seven digits, a hyphen and a mod-11 check digit."""
    match = _Y_TUNNUS.match(value)
    if not match:
        return False
    remainder = sum(int(d) * w for d, w in zip(match[1], _Y_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return False
    return int(match[2]) == (0 if remainder == 0 else 11 - remainder)


def validate_business_id(value: str, country: str) -> None:
    if value and country == "FI" and not y_tunnus_is_valid(value):
        raise ValidationError(
            {"business_id": _("Enter a Finnish business ID as 1234567-8 with a valid check digit.")}
        )


def validate_phone(value: str) -> None:
    if value and not _PHONE.match(value):
        raise ValidationError(
            _("Enter a phone number with digits, e.g. +358 40 123 4567 or 09 123 4567."),
            code="invalid_phone",
        )


def validate_country(value: str) -> None:
    if value and value not in {code for code, _name in country_choices("en")}:
        raise ValidationError(_("Choose a country from the list."), code="invalid_country")


def validate_single_line(value: str) -> None:
    if isinstance(value, str) and _CONTROL.search(value):
        raise ValidationError(
            _("Enter this on one line, without line breaks or control characters."),
            code="control_character",
        )


def validate_languages(value: list[str]) -> None:
    """A register's languages: each supported one at most once (the first is the main one)."""
    if len(value) != len(set(value)):
        raise ValidationError(
            {"languages": _("Choose each language only once.")}, code="duplicate_language"
        )
