"""The marketing question: a box on each purpose already entered, and a new marketing purpose.

Direct marketing is a mark on a purpose (``Purpose.is_direct_marketing``), not a field of the
register: the page lists the register's purposes with that one box each, and offers a purpose of
its own for marketing that none of them covers, asked like any purpose (basis, interest, consent).
"""

from __future__ import annotations

from typing import Any

from django.forms.models import inlineformset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registers.editor.forms import RowForm
from registers.editor.rows import PurposeForm, RowFormSet
from registers.limits import MAX_ROWS
from registers.models import Purpose, Register
from registers.translated import translation

CHOSEN = "purposes"  # the boxes on the purposes entered: the purposes' own prefix
ADDED = "marketing"  # new marketing purposes


class MarketingChoiceForm(RowForm):
    """One purpose's box, labelled by what the purpose is."""

    class Meta:
        model = Purpose
        fields = ("is_direct_marketing",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["is_direct_marketing"]
        description = translation(self.instance.description, get_language() or "en")
        field.label = description or next(iter(self.instance.description.values()), "–")
        field.help_text = self.instance.get_basis_display() if self.instance.basis else ""


class MarketingPurposeForm(PurposeForm):
    """A new purpose that is direct marketing by being added here."""

    class Meta:
        model = Purpose
        fields = (
            "description",
            "basis",
            "legitimate_interest",
            "requirement",
            "consequence",
            "consent_method",
            "categories",
        )
        help_texts = {
            **PurposeForm.Meta.help_texts,
            "description": _("For example: newsletters and offers to our customers by email."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.is_direct_marketing = True


class ChoiceRows(RowFormSet):
    """The boxes on the purposes entered, and nothing more: a row posted beyond them would
    be a new purpose without words."""

    def total_form_count(self) -> int:
        return self.initial_form_count()


def _formset(form: type[RowForm], *, can_delete: bool, rows: type[RowFormSet]) -> Any:
    return inlineformset_factory(
        Register,
        Purpose,
        form=form,
        formset=rows,
        fields=form.Meta.fields,  # type: ignore[attr-defined]
        extra=0,
        can_delete=can_delete,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )


ChoiceFormSet = _formset(MarketingChoiceForm, can_delete=False, rows=ChoiceRows)
AddedFormSet = _formset(MarketingPurposeForm, can_delete=True, rows=RowFormSet)


def formsets(register: Register, data: Any, options: dict[str, Any]) -> list[Any]:
    """The boxes on the purposes entered, then the new marketing purposes after them."""
    kwargs = {"instance": register, "form_kwargs": {**options, "register": register}}
    chosen = ChoiceFormSet(data, prefix=CHOSEN, **kwargs)
    added = AddedFormSet(data, prefix=ADDED, queryset=Purpose.objects.none(), **kwargs)
    added.first_position = max((p.position for p in register.purposes.all()), default=-1) + 1
    return [chosen, added]


def marked(register: Register) -> list[Purpose]:
    return [purpose for purpose in register.purposes.all() if purpose.is_direct_marketing]
