"""The seed notices survive the editor: every page read and saved back as a browser would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from registers.editor.sections import SECTIONS
from registers.models import Register
from registers.portable import register_from_dict, register_to_dict
from tests.registers.editor.test_editor_support import edit_url, read_form

SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "seeds").glob("*.json"))


@pytest.mark.parametrize("path", SEEDS, ids=[path.stem for path in SEEDS])
def test_each_seed_round_trips_through_every_editor_page(editor_client, in_acme, path):
    register = register_from_dict(json.loads(path.read_text(encoding="utf-8")))
    before = register_to_dict(Register.objects.get(pk=register.pk))

    for section in SECTIONS:
        url = edit_url(register.slug, section)
        page = editor_client.get(url)
        saved = editor_client.post(url, read_form(page.content))
        assert saved.status_code == 302, (section, saved.content[:2000])

    assert register_to_dict(Register.objects.get(pk=register.pk)) == before
