"""The editor's side of translations to review: marking on save, the mark at each input, and the
per-field "Confirm translation" button (a submit button of the page's own form, no script needed).

The button's value names the field and the language (``registers.translated.confirm_value``), with
the list and the row id empty for the register's own fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from registers import review
from registers.editor.rows import FORMSETS
from registers.models import Register, TranslationReview
from registers.translated import LANGUAGE_CODES, LANGUAGE_NAMES, TranslatedFormField

CONFIRM = "confirm_translation"


def parse_confirm(value: str) -> tuple[review.Key, str] | None:
    """The field and language of a posted button, or None when the value is not one of ours."""
    parts = value.split(":")
    if len(parts) != 4 or parts[3] not in LANGUAGE_CODES or not parts[2].isidentifier():
        return None
    rows, row_id, field, language = parts
    if bool(rows) != row_id.isdigit():
        return None
    return (rows, int(row_id) if rows else None, field), language


def _texts(form: forms.BaseForm) -> list[str]:
    return [n for n, f in form.fields.items() if isinstance(f, TranslatedFormField)]


def _path(rows: str, index: int | None, field: str) -> str:
    return f"{rows}[{index}].{field}" if rows else field


def record_page(page: Any) -> list[str]:
    """Mark what the page's save leaves to review, before it is saved (old texts still known).

    Returns the marked texts as ``purposes[0].description:sv`` for the audit trail.
    """
    register: Register = page.register
    languages = tuple(register.languages)
    marked = []
    for name in _texts(page.form):
        old, new = page.form.initial.get(name), page.form.cleaned_data.get(name)
        stale = review.record_change(register, ("", None, name), old, new, languages)
        marked += [f"{name}:{code}" for code in stale]
    for formset in page.formsets:
        for index, form in enumerate(formset.initial_forms):
            pk = form.instance.pk
            if form.cleaned_data.get("DELETE"):
                review.forget_row(register, formset.prefix, pk)
                continue
            for name in _texts(form) if form.has_changed() else ():
                key = (formset.prefix, pk, name)
                old, new = form.initial.get(name), form.cleaned_data.get(name)
                stale = review.record_change(register, key, old, new, languages)
                marked += [f"{_path(formset.prefix, index, name)}:{code}" for code in stale]
    return marked


def confirmed_path(page: Any, key: review.Key) -> str:
    """The confirmed text as the audit trail names it (the row by its place in its list)."""
    rows, row_id, field = key
    if not rows:
        return field
    formset = next((f for f in page.formsets if f.prefix == rows), None)
    forms_ = formset.initial_forms if formset is not None else []
    index = next((i for i, form in enumerate(forms_) if form.instance.pk == row_id), None)
    return _path(rows, index, field)


def show_marks(page: Any, *, can_edit: bool) -> None:
    """Hand each translated input its marks, and the confirm buttons to those who may edit."""
    found = review.marks(page.register)
    if not found:
        return
    _show(page.form, "", None, found, can_edit)
    for formset in page.formsets:
        for form in formset.initial_forms:
            _show(form, formset.prefix, form.instance.pk, found, can_edit)


def _show(
    form: forms.BaseForm,
    rows: str,
    row_id: int | None,
    found: dict[review.Key, Any],
    can_edit: bool,
) -> None:
    for name in _texts(form):
        key = (rows, row_id, name)
        if key in found:
            widget = form.fields[name].widget
            widget.reviews = found[key]
            widget.confirm_key = key if can_edit else None
            widget.review_label = str(form.fields[name].label)


REASONS = {
    review.EDITED: _("the text was edited"),
    review.CONFIRMED: _("the translation was confirmed"),
    review.REMOVED: _("the row was removed"),
}
ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("removed")}


def history_entries(register: Register) -> list[dict[str, Any]]:
    """The marks' own history, as the register's history page shows each change."""
    records = TranslationReview.history.filter(register_id=register.pk).select_related(
        "history_user"
    )
    return [_history_entry(record) for record in records]


def _history_entry(record: Any) -> dict[str, Any]:
    model = FORMSETS[record.rows].model if record.rows in FORMSETS else Register
    try:
        field = str(getattr(model._meta.get_field(record.field), "verbose_name", record.field))
    except FieldDoesNotExist:
        field = record.field
    where = str(model._meta.verbose_name)
    changes: list[tuple[str, None, str]] = []
    if record.history_type == "-":
        reason = REASONS.get(record.history_change_reason or "", record.history_change_reason)
        changes.append((str(_("Why")), None, str(reason or "–")))
    else:
        changed = ", ".join(str(LANGUAGE_NAMES.get(c, c)) for c in record.changed)
        changes.append((capfirst(str(_("changed in"))), None, changed))
    return {
        "when": record.history_date,
        "who": record.history_user,
        "type": "+" if record.history_type == "~" else record.history_type,
        "action": ACTIONS.get(record.history_type, ""),
        "kind": TranslationReview._meta.verbose_name,
        "label": f"{capfirst(where)} · {field} · {LANGUAGE_NAMES.get(record.language, '')}",
        "changes": changes,
    }
