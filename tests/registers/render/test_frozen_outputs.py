"""Published outputs, frozen: the seeds and the sector templates render to the bytes stored here.

A change that means to alter what a notice says regenerates them on purpose, and the diff of
``tests/fixtures/frozen/`` is then the review of every notice's new wording:

    SELOSTE_FREEZE=1 .venv/bin/python -m pytest tests/registers/render/test_frozen_outputs.py
"""

from __future__ import annotations

import datetime
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from registers.document import build_document
from registers.portable import register_from_dict, register_to_dict
from registers.render.html import PageLinks, render_fragment, render_frame, render_page
from registers.render.json import render_json
from registers.render.pdf import render_pdf
from registers.sectors import SECTORS, create_from_sector
from tests.registers.document.test_document import full_controller

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FROZEN = FIXTURES / "frozen"
SEEDS = sorted((FIXTURES / "seeds").glob("*.json"))
CASES = [f"seed-{path.stem}" for path in SEEDS] + [f"sector-{s.value}" for s in SECTORS]
DAY = datetime.date(2026, 3, 2)
FRAGMENT_MARK = "<!-- fragment.html -->"
LINKS = PageLinks(canonical="/n/fi/", pdf="/n/fi/pdf/", archive="/n/archive/", current="/n/")


def make_register(case: str) -> Any:
    kind, name = case.split("-", 1)
    if kind == "seed":
        return register_from_dict(json.loads((FIXTURES / "seeds" / f"{name}.json").read_text()))
    return create_from_sector(
        name,
        name={"fi": "Rekisteri", "en": "Register", "sv": "Register"},
        slug="frozen",
        languages=["fi", "en", "sv"],
    )


def outputs(register: Any, language: str) -> dict[str, str]:
    document = build_document(
        register, full_controller(), language, effective_date=DAY, updated=DAY
    )
    fragment = render_fragment(document, number=3)
    frame = render_frame(document, fragment)
    # The frame shows the fragment as it is; only what it puts around it is frozen apart.
    assert frame.count(fragment) == 1
    pdf = PdfReader(io.BytesIO(render_pdf(document, number=3)))
    return {
        "page.html": render_page(document, LINKS, number=3),
        "fragment.html": fragment,
        "frame.html": frame.replace(fragment, FRAGMENT_MARK),
        "pdf.txt": "\n\f\n".join(page.extract_text() for page in pdf.pages),
        "notice.json": render_json(document, number=3),
    }


@pytest.mark.parametrize("case", CASES)
def test_outputs_are_the_frozen_ones(in_acme: Any, case: str) -> None:
    register = make_register(case)
    produced = {"register.json": json.dumps(register_to_dict(register), indent=1, default=str)}
    for language in register.languages:
        produced |= {f"{language}.{k}": v for k, v in outputs(register, language).items()}
    folder = FROZEN / case
    if os.environ.get("SELOSTE_FREEZE"):
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in produced.items():
            (folder / name).write_text(text, encoding="utf-8")
    stored = {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}
    assert sorted(stored) == sorted(produced)
    for name, text in produced.items():
        assert text == stored[name], f"{case}/{name} differs from the frozen output"
