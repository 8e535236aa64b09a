"""The editor's retention rule: which data it covers, and for how long (Art. 13(2)(a))."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registers.editor.forms import RowForm
from registers.models import CategoryRow, Retention
from registers.translated import translation


def category_label(row: CategoryRow) -> str:
    if row.category:
        return str(row.get_category_display())
    return translation(row.custom_name, get_language() or "en") or str(row.pk)


def choose_categories(form: RowForm) -> list[CategoryRow]:
    """Offer only the register's categories, named as the Data categories page names them.

    The register's prefetched rows give the choices: no query per row. Returns them.
    """
    rows = list(form.register.categories.all()) if form.register else []
    old = form.fields["categories"]
    form.fields["categories"] = forms.MultipleChoiceField(
        label=old.label,
        help_text=old.help_text,
        required=False,
        disabled=old.disabled,
        choices=[(str(row.pk), category_label(row)) for row in rows],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    if form.instance.pk:
        form.initial["categories"] = [str(c.pk) for c in form.instance.categories.all()]
    return rows


class RetentionForm(RowForm):
    class Meta:
        model = Retention
        fields = (
            "applies_to",
            "categories",
            "all_other_data",
            "period",
            "unit",
            "end_event",
            "criteria",
        )
        help_texts = {
            "applies_to": _("Optional: a name for the rule, such as “Accounting records”."),
            "categories": _(
                "The data categories this rule covers (from the Data categories page). Every "
                "category needs a rule."
            ),
            "all_other_data": _("Tick for the rule that covers every category no rule names."),
            "period": _(
                "How long the data is kept (Art. 13(2)(a)). If no fixed period fits, leave it "
                "empty and name the event that ends keeping."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_categories(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("period") and not cleaned.get("unit"):
            self.add_error("unit", _("Choose the unit of the period."))
        return cleaned
