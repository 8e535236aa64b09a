"""The five seed notices, imported as drafts, render with every fact they state: page and PDF."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from registers.document import build_document
from registers.portable import register_from_dict
from registers.render.html import render_fragment
from registers.render.pdf import render_pdf
from tests.registers.document.test_document import full_controller

SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "seeds").glob("*.json"))
# Free-text fields whose every word a reader must find in the notice.
TEXT_FIELDS = {
    "": ["name", "introduction", "other_subject_groups", "security", "rights_channel"],
    "purposes": ["description", "legitimate_interest", "consequence"],
    "categories": ["custom_name", "details"],
    "sources": ["description"],
    "recipients": ["description"],
    "joint_controllers": ["essence"],
    "transfers": ["description", "copy_available"],
    "retention": ["applies_to", "criteria"],
    "cookies": ["purpose", "duration"],
}
PLAIN_FIELDS = {"": ["rights_email"], "recipients": ["name"], "cookies": ["name", "provider"]}


def words(text: str) -> str:
    return " ".join(text.split())


def facts(data: dict[str, Any], language: str) -> Iterator[str]:
    for rows, fields in TEXT_FIELDS.items():
        for row in data[rows] if rows else [data]:
            yield from (row[f].get(language, "") for f in fields if row.get(f))
    for rows, fields in PLAIN_FIELDS.items():
        for row in data[rows] if rows else [data]:
            yield from (row[f] for f in fields if row.get(f))


def body_text(page: str, footer_start: str) -> str:
    """A page's text without its footer and without spaces: lines may break after a hyphen,
    which extraction turns into a space, and a paragraph may go on after the page's footer."""
    body = page[: page.rfind(footer_start + " · ")]
    return "".join(body.replace("•", "").split())


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_a_seed_notice_renders_every_fact_in_page_and_pdf(in_acme: Any, seed: Path) -> None:
    assert SEEDS
    data = json.loads(seed.read_text(encoding="utf-8"))
    register = register_from_dict(data)
    controller = full_controller()
    for language in register.languages:
        document = build_document(register, controller, language)
        page = words(render_fragment(document))
        pdf = PdfReader(io.BytesIO(render_pdf(document)))
        pdf_text = "".join(
            body_text(page.extract_text(), controller.legal_name) for page in pdf.pages
        )
        for fact in filter(None, map(words, facts(data, language))):
            assert fact in words(document.text()), fact
            assert "".join(fact.split()) in pdf_text, fact
            assert fact.split()[0] in page, fact
