"""A page holding as many rows as the editor allows can be saved: Django's field limit agrees."""

from __future__ import annotations

from typing import Any

from registers.editor.sections import SECTIONS
from registers.limits import MAX_ROWS
from tests.registers.editor.test_editor_support import edit_url, make_register, read_form


def test_every_section_with_the_most_rows_saves(editor_client: Any, in_acme: Any) -> None:
    make_register("full", rows=MAX_ROWS, languages=["fi", "en", "sv"])

    for section in (s for s in SECTIONS.values() if s.rows):
        page = editor_client.get(edit_url("full", section.slug))
        data = read_form(page.content)
        response = editor_client.post(edit_url("full", section.slug), data)
        assert response.status_code in {200, 302}, (section.slug, response.status_code)
        if response.status_code == 200:  # kept on screen with the checker's remarks, not lost
            assert response.context["form"] is not None
