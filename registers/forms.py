"""The editor's forms: the controller details, a new register, and one page per register section.

A section page is one form on the register's own fields plus a formset per list of rows. Every
form is built for the register's languages (one text input per language, side by side) and for
the reader's language (country names), and carries plain-language help on what the GDPR asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registers.models import (
    CategoryRow,
    Controller,
    Cookie,
    JointController,
    Purpose,
    Recipient,
    Register,
    Retention,
    Source,
    Transfer,
)
from registers.translated import LANGUAGE_CODES, TranslatedFormField, translation
from registers.vocabulary import DataSubjectGroup, Language, country_choices

# A page lists at most this many rows of one kind; more is refused, not silently cut.
MAX_ROWS = 200
COUNTRY_FIELDS = frozenset({"country", "business_id_country"})


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


def _style(field: forms.Field) -> None:
    widget = field.widget
    widgets = widget.widgets if isinstance(widget, forms.MultiWidget) else [widget]
    for each in widgets:
        if not each.is_hidden:
            each.attrs["class"] = _css_class(each)


def country_field(*, required: bool, label: Any) -> forms.ChoiceField:
    choices = [("", "—"), *country_choices(get_language() or "en")]
    return forms.ChoiceField(choices=choices, required=required, label=label)


class EditorForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form shown in the register's languages, read-only for viewers."""

    def __init__(
        self,
        *args: Any,
        languages: tuple[str, ...] = LANGUAGE_CODES,
        read_only: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.languages = tuple(languages) or LANGUAGE_CODES
        help_texts = getattr(getattr(self, "Meta", None), "help_texts", {})
        for name, field in list(self.fields.items()):
            if isinstance(field, TranslatedFormField):
                field = field.with_languages(self.languages)
                field.label = capfirst(field.label)
            elif name in COUNTRY_FIELDS:
                field = country_field(required=field.required, label=field.label)
            field.help_text = help_texts.get(name, field.help_text)
            field.disabled = field.disabled or read_only
            _style(field)
            self.fields[name] = field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Texts in languages the register no longer shows are kept, not silently erased.
        for name, field in self.fields.items():
            if isinstance(field, TranslatedFormField) and isinstance(cleaned.get(name), dict):
                stored = getattr(self.instance, name, None) or {}
                kept = {k: v for k, v in stored.items() if k not in self.languages}
                cleaned[name] = {**kept, **cleaned[name]}
        return cleaned


class ControllerForm(EditorForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    class Meta:
        model = Controller
        fields = (
            "legal_name",
            "business_id",
            "business_id_country",
            "street_address",
            "postal_code",
            "city",
            "country",
            "email",
            "phone",
            "website",
            "contact_name",
            "contact_email",
            "contact_phone",
            "has_dpo",
            "dpo_name",
            "dpo_email",
            "dpo_phone",
            "has_representative",
            "representative_name",
            "representative_address",
            "representative_email",
        )
        help_texts = {
            "legal_name": _("The name of the organisation as in the trade register."),
            "business_id": _(
                "A Finnish business ID (Y-tunnus) looks like 1234567-8. For a foreign ID, "
                "choose the country that issued it."
            ),
            "street_address": _(
                "The postal address is part of the controller's contact details (Art. 13(1)(a))."
            ),
            "email": _("An address where people can reach you about their data."),
            "phone": _("In international or Finnish format, e.g. +358 40 123 4567."),
            "website": _("The address of your website, beginning with https://."),
            "contact_name": _(
                "The person who answers questions about the register. The GDPR asks the "
                "notice to say how to reach the controller (Art. 13(1)(a))."
            ),
            "contact_email": _("Shown in the notice so that people can reach the contact person."),
            "has_dpo": _(
                "Public bodies and organisations whose core work is large-scale monitoring or "
                "special categories of data must designate one (Art. 37)."
            ),
            "dpo_email": _("If you have a DPO, the notice must give their contact details."),
            "dpo_name": _("The notice may name the DPO or give only their contact details."),
            "has_representative": _(
                "Only for organisations outside the EU that offer goods or services to people "
                "in the EU (Art. 27)."
            ),
            "representative_name": _(
                "The notice must give the representative's name and contact details."
            ),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("has_dpo") and not cleaned.get("dpo_name"):
            self.add_error("dpo_name", _("Enter the name of the data protection officer."))
        if cleaned.get("has_representative") and not cleaned.get("representative_name"):
            self.add_error("representative_name", _("Enter the name of the EU representative."))
        return cleaned


def _language_field(required: bool = True) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        error_messages={"required": _("Choose at least one language.")},
        help_text=_(
            "The notice is published in these languages; fill in the texts in each of them."
        ),
    )


def _start_choices() -> list[tuple[str, Any]]:
    from registers.sectors import SECTORS  # written alongside; imported late on purpose

    return [("", _("An empty register")), *SECTORS.choices]


class RegisterCreateForm(forms.Form):
    name = TranslatedFormField(
        label=_("Name of the register"),
        max_length=200,
        multiline=False,
        required=True,
        help_text=_("For example “Customer register” or “Newsletter”."),
    )
    slug = forms.SlugField(
        label=_("Address"),
        max_length=60,
        help_text=_("Letters, digits and hyphens; it becomes part of the notice's web address."),
    )
    languages = _language_field()
    start = forms.ChoiceField(
        label=_("Start from"),
        required=False,
        help_text=_("A sector template fills in typical purposes and data; you can change all."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        start = self.fields["start"]
        assert isinstance(start, forms.ChoiceField)
        start.choices = _start_choices()
        for field in self.fields.values():
            _style(field)

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"].lower()
        if Register.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another register already has this address."))
        return slug

    def clean_languages(self) -> list[str]:
        chosen = self.cleaned_data["languages"]
        return [code for code in LANGUAGE_CODES if code in chosen]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name, languages = cleaned.get("name") or {}, cleaned.get("languages") or []
        if name and languages and not any(name.get(code) for code in languages):
            self.add_error("name", _("Enter the name in at least one of the chosen languages."))
        return cleaned


class RegisterSectionForm(EditorForm):
    """The register's own fields on one section page, with the version it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    class Meta:
        model = Register
        fields: tuple[str, ...] = ()
        help_texts = {
            "name": _("The name readers see at the top of the notice."),
            "subject_groups": _(
                "Whose data the register holds. The notice is written for these people."
            ),
            "other_subject_groups": _("Groups that are not in the list above."),
            "consent_age": _(
                "Only if children consent to an online service: in Finland a child may "
                "consent alone from the age of 13 (GDPR Art. 8)."
            ),
            "introduction": _("Optional: a few words shown at the start of the notice."),
            "identity_code_need": _(
                "If you process personal identity codes, say why: Finnish law allows it only "
                "when identifying the person reliably is necessary (Data Protection Act 29 §)."
            ),
            "collected_from_subject": _(
                "Untick if some data comes from elsewhere; the GDPR then asks you to say where "
                "from (Art. 14)."
            ),
            "has_automated_decisions": _(
                "Tick if a computer alone makes decisions that have legal or similarly "
                "significant effects on people (Art. 22)."
            ),
            "automated_logic": _("In plain words, how the decision is reached."),
            "automated_consequences": _("What the decision means for the person."),
            "security": _(
                "How the data is protected: access rights, encryption, locked premises. Readers "
                "expect it, and the GDPR requires the measures (Art. 32)."
            ),
            "rights_channel": _(
                "How people send a request to use their rights: a form, an address, in person."
            ),
            "rights_email": _("Where requests about personal data go."),
            "response_days": _(
                "The GDPR asks for an answer within one month (Art. 12(3)); 30 days is usual."
            ),
            "effective_date": _("The date from which this notice applies."),
        }
        widgets = {"effective_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "subject_groups" in self.fields:
            self.fields["subject_groups"] = forms.MultipleChoiceField(
                label=_("Data subjects"),
                choices=DataSubjectGroup.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                help_text=self.Meta.help_texts["subject_groups"],
                disabled=self.fields["subject_groups"].disabled,
            )
        if "languages" in self.fields:
            disabled = self.fields["languages"].disabled
            self.fields["languages"] = _language_field()
            self.fields["languages"].disabled = disabled
            _style(self.fields["languages"])

    def clean_languages(self) -> list[str]:
        chosen = self.cleaned_data["languages"]
        return [code for code in LANGUAGE_CODES if code in chosen]


class RowForm(EditorForm):
    """A row of one of the register's lists; the register is given by the formset."""

    def __init__(self, *args: Any, register: Register | None = None, **kwargs: Any) -> None:
        self.register = register
        super().__init__(*args, **kwargs)
        if "DELETE" in self.fields:
            _style(self.fields["DELETE"])


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
            "is_direct_marketing",
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
        }


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
            "country": _("Where the recipient processes the data."),
        }


def recipient_label(recipient: Recipient) -> str:
    language = get_language() or "en"
    return recipient.name or translation(recipient.description, language) or str(recipient.pk)


class TransferForm(RowForm):
    recipient = forms.ChoiceField(label=_("Recipient"), required=False)

    class Meta:
        model = Transfer
        fields = ("recipient", "country", "mechanism", "description", "copy_available")
        help_texts = {
            "recipient": _("One of the recipients on the Recipients page."),
            "country": _("The country outside the EU and EEA."),
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
        _style(field)

    def clean_recipient(self) -> Recipient | None:
        return self.recipients.get(self.cleaned_data.get("recipient") or "")


class RetentionForm(RowForm):
    class Meta:
        model = Retention
        fields = ("applies_to", "period", "unit", "criteria")
        help_texts = {
            "applies_to": _("The data or the purpose this rule covers."),
            "period": _(
                "How long the data is kept (Art. 13(2)(a)). If no fixed period fits, leave it "
                "empty and give the criteria."
            ),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("period") and not cleaned.get("unit"):
            self.add_error("unit", _("Choose the unit of the period."))
        return cleaned


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
            _style(form.fields["DELETE"])


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


@dataclass(frozen=True)
class Section:
    slug: str
    title: Promise
    intro: Promise
    fields: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()


SECTIONS: dict[str, Section] = {
    section.slug: section
    for section in (
        Section(
            "basics",
            _("Basics"),
            _("The name of the register and whose data it holds."),
            (
                "name",
                "languages",
                "subject_groups",
                "other_subject_groups",
                "consent_age",
                "introduction",
            ),
            ("joint_controllers",),
        ),
        Section(
            "purposes",
            _("Purposes and legal bases"),
            _(
                "Why the data is processed. The GDPR asks for every purpose and its legal basis "
                "(Art. 13(1)(c))."
            ),
            rows=("purposes",),
        ),
        Section(
            "categories",
            _("Data categories"),
            _("What data is processed. Special categories need an extra condition (Art. 9)."),
            ("identity_code_need",),
            ("categories",),
        ),
        Section(
            "sources",
            _("Sources"),
            _("Where the data comes from (Art. 14(2)(f))."),
            ("collected_from_subject",),
            ("sources",),
        ),
        Section(
            "recipients",
            _("Recipients"),
            _("Who receives the data: processors, partners, authorities (Art. 13(1)(e))."),
            rows=("recipients",),
        ),
        Section(
            "transfers",
            _("Transfers outside the EU and EEA"),
            _(
                "Data sent to countries outside the EU and EEA, and what makes it lawful "
                "(Art. 13(1)(f)). Add the recipients first."
            ),
            rows=("transfers",),
        ),
        Section(
            "retention",
            _("Retention"),
            _("How long the data is kept, or how that is decided (Art. 13(2)(a))."),
            rows=("retention",),
        ),
        Section(
            "automated",
            _("Automated decisions"),
            _("Decisions made by a computer alone, profiling included (Art. 22)."),
            ("has_automated_decisions", "automated_logic", "automated_consequences"),
        ),
        Section(
            "security", _("Security"), _("How the data is protected (Art. 32)."), ("security",)
        ),
        Section(
            "cookies",
            _("Cookies and analytics"),
            _("Cookies and tracking tools on your website, with their providers."),
            rows=("cookies",),
        ),
        Section(
            "rights",
            _("Rights"),
            _("How people use their rights. The rights themselves follow from the legal bases."),
            ("rights_channel", "rights_email", "response_days", "effective_date"),
        ),
    )
}


def section_form_class(section: Section) -> type[RegisterSectionForm]:
    meta = type("Meta", (RegisterSectionForm.Meta,), {"fields": section.fields})
    return type("SectionForm", (RegisterSectionForm,), {"Meta": meta})


def with_added_row(data: Any, formset: Any) -> Any:
    """The posted data with one more row in ``formset``, holding a new row's defaults."""
    data = data.copy()
    total = formset.total_form_count()
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(total + 1)
    new = formset.form(
        prefix=formset.add_prefix(total),
        languages=formset.form_kwargs["languages"],
        register=formset.instance,
    )
    for bound in new:
        value = bound.value()
        if isinstance(value, str | int) and not isinstance(value, bool) and value != "":
            data[bound.html_name] = str(value)
    return data


class SectionPage:
    """The forms of one section page of one register, bound to a POST or not."""

    def __init__(
        self, section: Section, register: Register, data: Any = None, read_only: bool = False
    ) -> None:
        self.section = section
        self.register = register
        languages = tuple(register.languages) or LANGUAGE_CODES
        options = {"languages": languages, "read_only": read_only}
        self.form = section_form_class(section)(
            data, instance=register, initial={"version": register.version}, **options
        )
        self.formsets = [
            FORMSETS[name](
                data,
                instance=register,
                prefix=name,
                form_kwargs={**options, "register": register},
            )
            for name in section.rows
        ]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        return all([valid, *(formset.is_valid() for formset in self.formsets)])

    def posted_version(self) -> int:
        return int(self.form.cleaned_data["version"])

    def save(self) -> None:
        """Save every form; the caller holds the register's row lock."""
        register = self.form.save(commit=False)
        register.version = self.posted_version() + 1
        register.save(update_fields=[*self.section.fields, "version", "updated_at"])
        for formset in self.formsets:
            save_rows(formset)


def save_rows(formset: Any) -> None:
    rows = formset.save(commit=False)
    for row in formset.deleted_objects:
        row.delete()
    positions = {id(form.instance): index for index, form in enumerate(formset.forms)}
    for row in rows:
        row.position = positions.get(id(row), row.position)
        row.save()
