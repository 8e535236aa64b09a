"""The summary layer read first (WP260 rev.01): short, and only what the register says."""

from __future__ import annotations

import re
from typing import Any

import pytest

from registers.document import build_document
from registers.sectors import SECTORS, create_from_sector
from tests.registers.document.test_document import full_controller

LANGUAGES = ("fi", "sv", "en")
WORD = re.compile(r"\w[\w’'@.:/-]*\w|\w")


def sector_documents(sector: str) -> list[Any]:
    register = create_from_sector(
        sector,
        name={"fi": "Rekisteri", "en": "Register", "sv": "Register"},
        slug=f"summary-{sector}",
        languages=list(LANGUAGES),
    )
    controller = full_controller()
    return [build_document(register, controller, language) for language in LANGUAGES]


@pytest.mark.parametrize("sector", [s.value for s in SECTORS])
def test_the_summary_of_each_sector_template_stays_within_120_words(
    in_acme: Any, sector: str
) -> None:
    for document in sector_documents(sector):
        words = WORD.findall(" ".join(document.summary_lines()))
        print(sector, document.language, len(words))
        assert 30 < len(words) <= 120, (document.language, len(words), document.summary_lines())
