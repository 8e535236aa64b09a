"""Check your answers: each question with what the register now holds for it, in plain words."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from registers.editor.forms import COUNTRY_FIELDS, TRI_STATE
from registers.editor.interview.marketing import marked
from registers.editor.interview.questions import MARKETING, Question, asked_of
from registers.models import Register
from registers.translated import translation
from registers.vocabulary import country_name


@dataclass(frozen=True)
class Answer:
    question: Question
    lines: list[tuple[str, str]]  # a field's label and its answer
    rows: list[str]  # the names of the question's rows
    answered: bool
    note: str = ""  # an answer that is not a field's or a row's own


def summaries(register: Register) -> list[Answer]:
    """The questions that apply, each with its answer; a list comes after its yes/no question."""
    answers = []
    for question in asked_of(register):
        if question.slug == MARKETING:
            answers.append(_marketing(register, question))
            continue
        lines = [_line(register, name) for name in question.fields]
        rows = [_row_name(row) for name in question.rows for row in getattr(register, name).all()]
        answered = bool(rows) or any(value for _label, value in lines)
        answers.append(Answer(question, [(k, v) for k, v in lines if v], rows, answered))
    return answers


def _marketing(register: Register, question: Question) -> Answer:
    """The purposes marked as marketing; with none marked, that is the answer (a purpose's box
    has no "not answered"), and with no purposes at all there is nothing to answer yet."""
    rows = [_row_name(purpose) for purpose in marked(register)]
    any_purposes = bool(register.purposes.all())
    note = "" if rows else str(_("None of your purposes is marked as marketing."))
    return Answer(question, [], rows, any_purposes, note if any_purposes else "")


def _line(register: Register, name: str) -> tuple[str, str]:
    field = Register._meta.get_field(name)
    assert isinstance(field, models.Field)
    return capfirst(str(field.verbose_name)), _shown(field, getattr(register, name))


def _shown(field: Any, value: Any) -> str:
    """A stored answer as the user gave it; empty when there is none."""
    language = get_language() or "en"
    if field.name in TRI_STATE:
        return "" if value is None else str(_("Yes") if value else _("No"))
    if value in (None, "", {}, []):
        return ""
    if isinstance(value, dict):
        return translation(value, language) or next(iter(value.values()), "")
    if field.name in COUNTRY_FIELDS:
        return country_name(value, language)
    if isinstance(value, list):
        choices = dict(field.base_field.flatchoices)
        return ", ".join(str(choices.get(item, item)) for item in value)
    if isinstance(value, datetime.date):
        locale = {"en": "en_GB"}.get(language, to_locale(language))
        return format_date(value, "long", locale=locale)
    return str(value)


def _row_name(row: Any) -> str:
    language = get_language() or "en"
    for name in ("name", "description", "applies_to", "custom_name"):
        value = getattr(row, name, None)
        if isinstance(value, dict) and value:
            return translation(value, language) or str(next(iter(value.values())))
        if isinstance(value, str) and value:
            return value
    if getattr(row, "category", ""):
        return str(row.get_category_display())
    if getattr(row, "country", ""):
        return country_name(row.country, language)
    return "–"
