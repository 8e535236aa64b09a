"""The notice's structure: the DPO's own section, one date line, the PDF's table of contents,
and characters the PDF cannot draw refused at the field."""

from __future__ import annotations

import datetime
import io
import json
from typing import Any

import pytest
from pypdf import PdfReader

from registers.document import build_document
from registers.models import Controller, Register
from registers.portable import ImportErrors, register_from_dict, register_to_dict
from registers.render.html import render_fragment
from registers.render.pdf import render_pdf
from registers.validators import printable_characters, unprintable
from tests.conftest import host_client
from tests.registers.document.test_document import full_controller, full_register
from tests.registers.editor.test_editor_support import (
    edit_url,
    field_error,
    make_register,
    read_form,
)

DAY = datetime.date(2026, 3, 2)


def with_dpo() -> Controller:
    controller = full_controller()
    controller.has_dpo = True
    controller.dpo_name = "Dora Dahlström"
    controller.dpo_email = "dpo@aanekoski.example"
    controller.save()
    return controller


def test_the_dpo_has_a_section_of_its_own_after_the_controller(in_acme: Any) -> None:
    document = build_document(full_register(), with_dpo(), "en")
    keys = [section.key for section in document.sections]
    assert keys[:3] == ["controller", "dpo", "contact"]
    assert document.lines("dpo") == ["Name: Dora Dahlström", "Email: dpo@aanekoski.example"]
    assert "Dora" not in "\n".join(document.lines("contact"))
    dpo = document.section("dpo")
    assert dpo is not None
    assert dpo.heading == "Data protection officer"


def test_without_a_dpo_there_is_no_dpo_section(in_acme: Any) -> None:
    document = build_document(full_register(), full_controller(), "fi")
    assert document.section("dpo") is None


def test_each_date_is_printed_once_and_the_same_effective_date_not_at_all(in_acme: Any) -> None:
    register = full_register()
    same = build_document(register, full_controller(), "en", effective_date=DAY, updated=DAY)
    fragment = render_fragment(same, number=2)
    assert fragment.count("2 March 2026") == 1
    assert "Last updated 2 March 2026 · Version 2" in fragment
    assert "In force from" not in fragment
    later = datetime.date(2026, 4, 1)
    differs = build_document(register, full_controller(), "fi", effective_date=later, updated=DAY)
    fragment = render_fragment(differs)
    assert fragment.count("2. maaliskuuta 2026") == 1
    assert fragment.count("1. huhtikuuta 2026") == 1


def test_the_pdf_lists_its_sections_with_page_numbers(in_acme: Any) -> None:
    register, controller = full_register(), full_controller()
    for language, heading in (("fi", "Sisällys"), ("sv", "Innehåll"), ("en", "Contents")):
        document = build_document(register, controller, language, updated=DAY)
        pages = PdfReader(io.BytesIO(render_pdf(document))).pages
        first = pages[0].extract_text()
        assert heading in first
        assert "Sisältö" not in first
        index, rights = next(
            (i, s) for i, s in enumerate(document.sections, 1) if s.key == "rights"
        )
        entry = f"{index}. {rights.heading}"
        starts = next(n for n, page in enumerate(pages, 1) if f"{entry}\n" in page.extract_text())
        contents = pages[0].extract_text() + pages[1].extract_text()
        line = next(x for x in contents.splitlines() if x.startswith(f"{entry} ."))
        # The contents line ends in the page the section starts on.
        assert line.rstrip().endswith(f" {starts}"), line


def test_the_summary_comes_first_in_every_html_output(in_acme: Any) -> None:
    document = build_document(full_register(), full_controller(), "sv", updated=DAY)
    fragment = render_fragment(document)
    assert fragment.index('id="s-summary"') < fragment.index('id="s-controller"')
    assert "I korthet" in fragment


def test_the_fonts_draw_the_letters_of_the_notice_languages_and_not_emoji() -> None:
    assert set("AaÅåÄäÖöŠšŽž€–—’“”…§@") <= printable_characters()
    assert unprintable("Tervetuloa 😀 ✅") == ["😀", "✅"]


def test_the_editor_refuses_an_emoji_at_the_field_in_finnish(
    acme: Any, editor: Any, in_acme: Any
) -> None:
    register = make_register(languages=["fi"])
    client = host_client(acme.host, editor, language="fi")
    data = read_form(client.get(edit_url("customers", "basics")).content)
    data["name_fi"] = "Asiakkaat 😀"

    response = client.post(edit_url("customers", "basics"), data)

    assert response.status_code == 200
    assert "Selosteen PDF-tiedostossa ei voi näyttää näitä merkkejä: 😀" in field_error(
        response.content, "id_name_0"
    ) + field_error(response.content, "id_name")
    register.refresh_from_db()
    assert register.version == 1


def test_the_controller_form_refuses_an_emoji_at_the_field(
    editor_client: Any, in_acme: Any
) -> None:
    data = read_form(editor_client.get("/controller/").content)
    data.update({"legal_name": "Acme Oy ⭐", "business_id": "1234567-1"})

    response = editor_client.post("/controller/", data)

    assert response.status_code == 200
    assert "cannot show these characters in its PDF: ⭐" in field_error(
        response.content, "id_legal_name"
    )
    assert Controller.load().version == 1


def test_an_import_refuses_an_emoji_with_the_field_named(in_acme: Any) -> None:
    data = register_to_dict(full_register())
    data["slug"] = "copy"
    data["purposes"][0]["description"]["en"] = "Newsletters 📰"
    with pytest.raises(ImportErrors) as refused:
        register_from_dict(json.loads(json.dumps(data, default=str)))
    assert "📰" in str(refused.value)
    assert "purposes[0].description" in str(refused.value)
    assert not Register.objects.filter(slug="copy").exists()
