"""The error summary at the top of a form: every message, each linking to its field.

GOV.UK's pattern: after a failed save the summary takes the focus, so a screen reader hears what
went wrong and a sighted user sees it without scrolling to the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    message: str
    label: str = ""
    target: str = ""


def form_problems(form: forms.BaseForm, row: int | None = None) -> list[Problem]:
    problems = []
    for name, messages in form.errors.items():
        if name == NON_FIELD_ERRORS:
            target, label = "", ""
        elif form[name].is_hidden:
            continue  # a stale or broken page, said above the form (_form_errors.html)
        else:
            bound = form[name]
            target, label = bound.id_for_label or bound.auto_id, str(bound.label)
        if row is not None:
            label = _("Row %(number)s") % {"number": row} + (f": {label}" if label else "")
        problems += [Problem(str(message), label, target) for message in messages]
    return problems


def formset_problems(formset: forms.BaseFormSet, title: str) -> list[Problem]:  # type: ignore[type-arg]
    problems = [Problem(str(message), title) for message in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        if not form.has_changed() and not form.errors:
            continue
        problems += [
            Problem(p.message, f"{title}, {p.label}" if p.label else title, p.target)
            for p in form_problems(form, row=number)
        ]
    return problems


def page_problems(form: forms.BaseForm, formsets: Iterable[tuple[Any, Any]] = ()) -> list[Problem]:
    """The problems of a page's form and its lists of rows, in the order they appear."""
    problems = form_problems(form)
    for formset, title in formsets:
        problems += formset_problems(formset, str(title))
    return problems
