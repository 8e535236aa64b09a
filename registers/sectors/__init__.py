"""Starting templates for six sectors, each a register in our JSON format (registers/sectors/).

A template holds everything a typical organisation of the sector says in its notice, written by
us in Finnish, English and Swedish, so that the organisation fills in only its own details (the
controller page, and any provider it wants to name). New registers take the languages the
organisation chooses; text in the other languages is left out.

Sources relied on for the legal facts in the templates:
- GDPR (EU) 2016/679: Art. 6(1), 9(2)(a) and (h), 13, 28, 45; Commission Implementing Decision
  (EU) 2023/1795 of 10 July 2023 on the EU-US Data Privacy Framework (certified US organisations).
- Kirjanpitolaki 1336/1997, 2 luku 10 §: vouchers six years from the end of the year in which the
  financial year ended; books and financial statements ten years from the end of the financial
  year (Finlex; Helsinki Region Chamber of Commerce guidance).
- Laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 703/2023 (in force 1.1.2024),
  annex on retention: patient records 12 years after death, or 120 years after birth when the
  date of death is unknown (Kansallisarkisto's notice of 26.10.2023 on the move of the retention
  periods into the Act; the same rule stood in the earlier STM decrees 298/2009 and 94/2022).
- Laki potilaan asemasta ja oikeuksista 785/1992, 10 § (muistutus) and 12 § (patient records).
- Tietosuojalaki 1050/2018, 29 § (personal identity code).
- Yhdistyslaki 503/1989, 11 § (the board keeps a list of members with name and municipality).
- Laki velan vanhentumisesta 728/2003, 4 § (general limitation period of three years).
- Laki sähköisen viestinnän palveluista 917/2014, 200 § (email marketing to one's own customers
  with an opt-out) and 205 § (consent for cookies other than strictly necessary ones).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from registers.models import Register
from registers.portable import ROWS, exported_fields, register_from_dict
from registers.translated import TranslatedTextField

TEMPLATES = Path(__file__).resolve().parent


class Sector(models.TextChoices):
    CLINIC = "clinic", _("Clinic or medical practice")
    WEB_SHOP = "web-shop", _("Web shop")
    MARKETPLACE = "marketplace", _("Marketplace or lead service")
    SOFTWARE_VENDOR = "software-vendor", _("Software vendor (business customers)")
    ASSOCIATION = "association", _("Association or club")
    ONLINE_HEALTH = "online-health", _("Online health or rehabilitation service")


SECTORS = Sector


def load_sector(sector: str) -> dict[str, Any]:
    """The sector's template as a register dict (a fresh copy each time)."""
    data: dict[str, Any] = json.loads(
        (TEMPLATES / f"{Sector(sector).value}.json").read_text(encoding="utf-8")
    )
    return data


def _keep_languages(model: type[models.Model], data: dict[str, Any], languages: set[str]) -> None:
    for f in exported_fields(model):
        if isinstance(f, TranslatedTextField) and isinstance(data.get(f.name), dict):
            data[f.name] = {code: t for code, t in data[f.name].items() if code in languages}


def only_languages(data: dict[str, Any], languages: list[str]) -> dict[str, Any]:
    """The register dict with the free text of other languages left out."""
    chosen = set(languages)
    _keep_languages(Register, data, chosen)
    for name, model in ROWS.items():
        for row in data.get(name, []):
            _keep_languages(model, row, chosen)
    return data


def create_from_sector(
    sector: str, *, name: dict[str, str], slug: str, languages: list[str]
) -> Register:
    """A new register in the current schema, started from the sector's template.

    Raises ImportErrors (for example when `slug` is taken), with nothing created.
    """
    return create_from_data(load_sector(sector), name=name, slug=slug, languages=languages)


def create_from_data(
    data: dict[str, Any], *, name: dict[str, str], slug: str, languages: list[str]
) -> Register:
    """A new register from a register in the JSON format (a sector's or one's own template)."""
    data = only_languages(copy.deepcopy(data), languages)
    data.update(name=name, slug=slug, languages=languages)
    return register_from_dict(data)
