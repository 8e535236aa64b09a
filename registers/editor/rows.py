"""The editor's lists of rows (purposes, categories, recipients ...): a form and formset each."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registers.editor.forms import RowForm, style_field
from registers.editor.retention_form import RetentionForm, choose_categories
from registers.editor.select import location_options
from registers.limits import MAX_ROWS
from registers.models import (
    CategoryRow,
    Cookie,
    JointController,
    ProvisionRequirement,
    Purpose,
    Recipient,
    Register,
    Retention,
    Source,
    Transfer,
)
from registers.translated import translation
from registers.vocabulary import (
    PROVISION_BASES,
    SPECIAL_CATEGORIES,
    ConsentMethod,
    LegalBasis,
    is_eea,
)


class JointControllerForm(RowForm):
    class Meta:
        model = JointController
        fields = ("name", "contact", "essence")
        help_texts = {
            "name": _("The organisation that decides on the processing with you (Art. 26)."),
            "contact": _("How people reach the other controller."),
            "essence": _(
                "The essence of your arrangement, such as who answers which requests (Art. 26(2))."
            ),
        }


class PurposeForm(RowForm):
    class Meta:
        model = Purpose
        fields = (
            "description",
            "basis",
            "legitimate_interest",
            "requirement",
            "consequence",
            "consent_method",
            "is_direct_marketing",
            "categories",
        )
        help_texts = {
            "description": _("What the data is used for, one purpose per row."),
            "basis": _("Every purpose needs one legal basis from GDPR Art. 6(1)."),
            "legitimate_interest": _(
                "Only for legitimate interests: say what the interest is (Art. 13(1)(d))."
            ),
            "requirement": _("Whether people must give the data, and why (Art. 13(2)(e))."),
            "consequence": _("For example: without an address we cannot deliver the order."),
            "is_direct_marketing": _(
                "Marketing sent to people directly; they may always object to it (Art. 21)."
            ),
            "consent_method": _(
                "Consent is valid only as a clear act, such as ticking an empty box (Art. 4(11)); "
                "using the site is not consent."
            ),
            "categories": _(
                "The data categories this purpose uses (from the Data categories page). A short "
                "notice for a form tells how long they are kept."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Before the register has any categories (the interview asks for them later), there is
        # nothing to choose: the question waits for them.
        if not choose_categories(self):
            del self.fields["categories"]
        # Asked only under 6(1)(f), and the provision only under a contract or a law; editor.js
        # hides them otherwise, without the script they stay (and clean() drops their answers).
        self.fields["legitimate_interest"].show_when = (  # type: ignore[attr-defined]
            "basis",
            LegalBasis.LEGITIMATE_INTERESTS.value,
        )
        for name in ("requirement", "consequence"):
            self.fields[name].show_when = ("basis", PROVISION_VALUES)  # type: ignore[attr-defined]
        self.fields["consent_method"].show_when = (  # type: ignore[attr-defined]
            "basis",
            LegalBasis.CONSENT.value,
        )
        # "Not answered yet" rather than a dash: nothing is printed until it is answered.
        for name, choices in (
            ("requirement", ProvisionRequirement.choices),
            ("consent_method", ConsentMethod.choices),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", _("Not answered yet")), *choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # A hidden question keeps no answer that would still speak in the notice.
        if cleaned.get("basis") not in PROVISION_BASES:
            cleaned["requirement"], cleaned["consequence"] = "", {}
        return cleaned


# The values of editor.js's data-show-value: any one of them shows the question.
PROVISION_VALUES = " ".join(sorted(PROVISION_BASES))
SPECIAL_VALUES = " ".join(["on", *sorted(SPECIAL_CATEGORIES)])


class CategoryForm(RowForm):
    class Meta:
        model = CategoryRow
        fields = ("category", "custom_name", "details", "is_special", "special_condition")
        help_texts = {
            "custom_name": _("A category that is not in the list."),
            "details": _("Optional: what exactly the category holds."),
            "is_special": _(
                "Health, ethnic origin, beliefs, trade union membership and the like: these "
                "need a condition of Art. 9(2) as well as a legal basis."
            ),
            "special_condition": _("The condition that allows processing this special category."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Asked only for a special category: one marked so, or one of Art. 9(1) by its nature.
        self.fields["special_condition"].show_when = (  # type: ignore[attr-defined]
            "is_special category",
            SPECIAL_VALUES,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("is_special") and cleaned.get("category") not in SPECIAL_CATEGORIES:
            cleaned["special_condition"] = ""
        return cleaned


class SourceForm(RowForm):
    class Meta:
        model = Source
        fields = ("description", "publicly_available")
        help_texts = {
            "description": _("Where the data comes from, if not from the person (Art. 14(2)(f))."),
            "publicly_available": _(
                "Tick if anyone can consult the source, such as a public register."
            ),
        }


class RecipientForm(RowForm):
    class Meta:
        model = Recipient
        fields = ("recipient_type", "name", "description", "country")
        help_texts = {
            "recipient_type": _(
                "Processors handle the data on your behalf; other recipients use it for their "
                "own purposes."
            ),
            "description": _("Who they are and what they do with the data (Art. 13(1)(e))."),
            "country": _(
                "Where the recipient processes the data: a country, or the EU/EEA. A named "
                "recipient needs it; a category only when it is outside the EU/EEA."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = location_options(get_language() or "en")


def recipient_label(recipient: Recipient) -> str:
    language = get_language() or "en"
    return recipient.name or translation(recipient.description, language) or str(recipient.pk)


class TransferForm(RowForm):
    recipient = forms.ChoiceField(label=_("Recipient"), required=False)

    class Meta:
        model = Transfer
        fields = (
            "recipient",
            "country",
            "country_unknown",
            "mechanism",
            "description",
            "copy_available",
        )
        help_texts = {
            "recipient": _("One of the recipients on the Recipients page."),
            "country": _("The country outside the EU and EEA."),
            "country_unknown": _(
                "Tick only if you do not know the country or the data goes to several: the "
                "notice says so, and publishing waits until each country is named."
            ),
            "mechanism": _("What makes the transfer lawful (GDPR Chapter V)."),
            "description": _("Which data is transferred."),
            "copy_available": _(
                "For contractual clauses and other safeguards: how people can get a copy "
                "(Art. 13(1)(f))."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The register's prefetched recipients: the only ones a transfer may point to.
        self.recipients = (
            {str(r.pk): r for r in self.register.recipients.all()} if self.register else {}
        )
        field = self.fields["recipient"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", "—"),
            *((pk, recipient_label(r)) for pk, r in self.recipients.items()),
        ]
        field.help_text = self.Meta.help_texts["recipient"]
        style_field(field)
        # A recipient outside the EU/EEA brings its country: the country is not asked again.
        countries = {pk: r.country for pk, r in self.recipients.items() if _outside_eea(r)}
        field.widget.attrs["data-countries"] = json.dumps(countries)
        self.fields["country"].required = False
        self.fields["country"].help_text = _(
            "The country outside the EU and EEA, if the recipient's own country is not."
        )
        self.fields["country"].hide_when_recipient_has_country = True  # type: ignore[attr-defined]

    def clean_recipient(self) -> Recipient | None:
        return self.recipients.get(self.cleaned_data.get("recipient") or "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        recipient = cleaned.get("recipient")
        if recipient is not None and _outside_eea(recipient):
            cleaned["country"] = recipient.country
        elif cleaned.get("country_unknown") and not cleaned.get("country"):
            pass  # what the user said; the checker refuses it with the reason
        elif not cleaned.get("country") and "country" not in self.errors:
            self.add_error("country", _("Choose the country, or a recipient outside the EU/EEA."))
        return cleaned


def _outside_eea(recipient: Recipient) -> bool:
    return bool(recipient.country) and not is_eea(recipient.country)


class CookieForm(RowForm):
    class Meta:
        model = Cookie
        fields = ("name", "provider", "kind", "purpose", "duration", "country", "mechanism")
        help_texts = {
            "name": _("The name of the cookie, or of the tool as its provider calls it."),
            "provider": _("Who sets the cookie or provides the tool."),
            "purpose": _("What the cookie or tool is used for; people decide on consent by it."),
            "kind": _("Only strictly necessary cookies may be set without consent."),
            "duration": _("How long the cookie stays, e.g. 13 months."),
            "country": _("Where the provider processes the data."),
            "mechanism": _(
                "If the provider is outside the EU and EEA: what makes the transfer lawful."
            ),
        }


class RowFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        # A posted row id that is not one of this register's rows (tampered with, or of another
        # register) leaves its form without a stored row; Django would skip it silently.
        if any(form.instance._state.adding for form in self.initial_forms):
            raise forms.ValidationError(
                _("A row on this page does not belong to this register. Reload the page."),
                code="foreign_row",
            )

    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:  # type: ignore[type-arg]
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")
            style_field(form.fields["DELETE"])


def _rows(model: type[Any], form: type[RowForm]) -> Any:
    return inlineformset_factory(
        Register,
        model,
        form=form,
        formset=RowFormSet,
        fields=form.Meta.fields,  # type: ignore[attr-defined]
        extra=0,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )


# Keyed by the rows' related name, which is also each formset's prefix.
FORMSETS: dict[str, Any] = {
    "joint_controllers": _rows(JointController, JointControllerForm),
    "purposes": _rows(Purpose, PurposeForm),
    "categories": _rows(CategoryRow, CategoryForm),
    "sources": _rows(Source, SourceForm),
    "recipients": _rows(Recipient, RecipientForm),
    "transfers": _rows(Transfer, TransferForm),
    "retention": _rows(Retention, RetentionForm),
    "cookies": _rows(Cookie, CookieForm),
}
ROW_TITLES: dict[str, Promise] = {
    "joint_controllers": _("Joint controllers"),
    "purposes": _("Purposes"),
    "categories": _("Data categories"),
    "sources": _("Other sources"),
    "recipients": _("Recipients"),
    "transfers": _("Transfers"),
    "retention": _("Retention rules"),
    "cookies": _("Cookies and tools"),
}
