"""Hostile JSON imports: a clear refusal naming the problem, never a server error or a half-save."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from registers.limits import MAX_ROWS
from registers.models import Register
from registers.portable import ImportErrors, register_from_dict, register_to_dict
from tests.registers.document.test_document import full_register


def exported(**changes: Any) -> dict[str, Any]:
    data = register_to_dict(full_register(slug="original"))
    return {**data, **changes}


def problems(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ImportErrors) as caught:
        register_from_dict(data, slug="imported")
    assert not Register.objects.filter(slug="imported").exists()
    return dict(caught.value.errors)


def test_a_language_named_twice_is_refused(in_acme):
    assert "languages" in problems(exported(languages=["fi", "fi", "en"]))


def test_a_hundred_thousand_languages_are_refused(in_acme):
    assert "languages" in problems(exported(languages=["fi"] * 100_000))


def test_the_model_itself_refuses_a_language_twice(in_acme):
    register = full_register(slug="twice")
    register.languages = ["fi", "en", "fi"]

    with pytest.raises(ValidationError) as caught:
        register.full_clean()

    assert "languages" in caught.value.message_dict


def test_more_rows_than_the_editor_allows_are_refused_naming_the_list(in_acme):
    data = exported()
    data["cookies"] = [data["cookies"][0]] * (MAX_ROWS + 1)

    found = problems(data)

    assert "cookies" in found["cookies"]
    assert str(MAX_ROWS) in found["cookies"]


def test_the_version_true_is_not_version_one(in_acme):
    assert "version" in problems(exported(version=True))


def test_an_upper_case_address_the_editor_cannot_make_is_refused(in_acme):
    data = exported(slug="Asiakkaat")

    with pytest.raises(ImportErrors) as caught:
        register_from_dict(data)

    assert "slug" in dict(caught.value.errors)


def upload(body: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("register.json", body, content_type="application/json")


HOSTILE_FILES = {
    "nested 100,000 deep": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "a 5,000-digit integer": b'{"format": "seloste.register", "version": ' + b"9" * 5000 + b"}",
    "a NUL in a text": None,
    "a lone surrogate": None,
}


@pytest.mark.parametrize("kind", HOSTILE_FILES)
def test_hostile_files_get_a_400_with_a_message(editor_client, acme, kind):
    body = HOSTILE_FILES[kind]
    if body is None:
        with schema_context(acme.schema_name):
            data = register_to_dict(full_register(slug="original"))
        text = "\x00" if kind == "a NUL in a text" else "\ud800"
        data["name"]["fi"] = f"Rekisteri {text}"
        body = json.dumps(data).encode()

    response = editor_client.post("/registers/import/", {"file": upload(body), "slug": "copy"})

    assert response.status_code == 400
    assert response.context["problems"] or response.context["form"].errors


def test_a_line_break_in_a_one_line_text_is_refused(in_acme):
    data = exported()
    data["recipients"][0]["name"] = "Processor Oy\r\nBcc: someone@example.fi"

    assert "recipients[0].name" in problems(data)
