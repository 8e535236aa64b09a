"""The writers: the notice in each language's own wording, the PDF's page numbers, the embed."""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
from typing import Any

import pytest
from django.utils import translation
from pypdf import PdfReader

from registers.document import build_document
from registers.render.embed import embed_script, sri
from registers.render.html import render_fragment
from registers.render.json import render_json
from registers.render.pdf import render_pdf
from tests.registers.document.test_document import full_controller, full_register


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_finnish_notice_speaks_finnish(in_acme: Any) -> None:
    document = build_document(full_register(), full_controller(), "fi")
    headings = [section.heading for section in document.sections]
    assert headings[0] == "Rekisterinpitäjä"
    assert "Rekisteröidyn oikeudet" in headings
    text = document.text()
    assert "Tietosuojavaltuutetun toimisto" in text
    assert "tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta" in text
    assert "vastustaa tietojesi käyttöä suoramarkkinointiin" in text


def test_the_swedish_notice_speaks_swedish(in_acme: Any) -> None:
    text = build_document(full_register(), full_controller(), "sv").text()
    assert "Dina rättigheter" in text
    assert "Fågelviksgränden 4, 00530 Helsingfors" in text
    assert "3 år" in text


@pytest.mark.parametrize(
    ("language", "first_page"), [("fi", "Sivu 1 / "), ("sv", "Sida 1 av "), ("en", "Page 1 of ")]
)
def test_pdf_pages_are_numbered_in_the_notice_language(
    in_acme: Any, language: str, first_page: str
) -> None:
    document = build_document(full_register(), full_controller(), language)
    pdf = render_pdf(document, number=4)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    text = pdf_text(pdf)
    assert f"{first_page}{pages}" in text
    assert "Äänekosken Öljy Oy" in text


def test_the_fragment_carries_no_script_and_traces_its_fields(in_acme: Any) -> None:
    fragment = render_fragment(build_document(full_register(), full_controller(), "en"))
    assert "<script" not in fragment
    assert 'data-source="purposes[0].basis"' in fragment
    assert 'class="notice-emphasis"' in fragment


def test_user_text_is_escaped(in_acme: Any) -> None:
    register = full_register()
    register.name = {"en": "<img src=x onerror=alert(1)>", "fi": "x", "sv": "x"}
    register.save()
    fragment = render_fragment(build_document(register, full_controller(), "en"))
    assert "<img" not in fragment
    assert "&lt;img" in fragment


def test_the_json_output_is_the_document(in_acme: Any) -> None:
    document = build_document(full_register(), full_controller(), "fi")
    data = json.loads(render_json(document, number=2))
    assert data["format"] == "seloste.notice"
    assert data["number"] == 2
    assert data["sections"][0]["key"] == "controller"


def test_the_embed_script_carries_its_stylesheet_and_a_matching_sri() -> None:
    script = embed_script()
    assert "__SELOSTE_CSS__" not in script
    assert "adoptedStyleSheets" in script
    digest = base64.b64encode(hashlib.sha384(script.encode()).digest()).decode()
    assert sri(script) == f"sha384-{digest}"


def test_the_page_around_the_notice_speaks_the_notice_language(in_acme: Any) -> None:
    document = build_document(
        full_register(), full_controller(), "sv", updated=datetime.date(2026, 3, 2)
    )
    with translation.override("fi"):  # an owner publishing from a Finnish interface
        fragment = render_fragment(document, number=3)
    assert "Version 3" in fragment
    assert "Senast uppdaterad 2 mars 2026" in fragment
    assert "Versio 3" not in fragment
    assert "Julkaistu" not in fragment
