"""The editor's forms: a new register, and a register's own fields.

Every form is built for the register's languages (one text input per language, side by side) and
for the reader's language (country names), and carries plain-language help on what the GDPR asks.
The controller's form is in controller_form.py, the lists of rows in rows.py, the section pages
that combine them in sections.py.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registers.editor.select import FastSelect, country_options
from registers.models import Register
from registers.sectors import SECTORS
from registers.translated import LANGUAGE_CODES, TranslatedFormField
from registers.validators import full_date_message, validate_printable, validate_single_line
from registers.vocabulary import DataSubjectGroup, Language
from tenants.models import RegisterTemplate

COUNTRY_FIELDS = frozenset({"country", "business_id_country"})


def _css_class(widget: forms.Widget) -> str:
    # A checkbox list's class lands on its wrapper as well as on each box, so it cannot be
    # Bootstrap's one-box class (which shrinks the wrapper to a box's width).
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkbox-list"
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


def style_field(field: forms.Field) -> None:
    widget = field.widget
    if type(widget) is forms.Select:
        field.widget = widget = FastSelect.like(widget)
    widgets = widget.widgets if isinstance(widget, forms.MultiWidget) else [widget]
    for each in widgets:
        if not each.is_hidden:
            each.attrs["class"] = _css_class(each)


def country_field(*, required: bool, label: Any) -> forms.ChoiceField:
    choices = country_options(get_language() or "en")
    return forms.ChoiceField(choices=choices, required=required, label=label)


def _model_limits(field: forms.IntegerField, model: Any, name: str) -> None:
    """The model's own minimum and maximum on the form field, so -5 and 0 get the same message."""
    try:
        validators = model._meta.get_field(name).validators
    except FieldDoesNotExist:  # a form-only field
        return
    low = [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
    high = [v.limit_value for v in validators if isinstance(v, MaxValueValidator)]
    if not low and not high:
        return
    kept = [v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)]
    field.min_value = max(low) if low else field.min_value
    field.max_value = min(high) if high else field.max_value
    limits: list[Any] = [MinValueValidator(field.min_value)] if field.min_value is not None else []
    if field.max_value is not None:
        limits.append(MaxValueValidator(field.max_value))
    field.validators = [*kept, *limits]
    field.widget.attrs.update(field.widget_attrs(field.widget))


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
            elif isinstance(field, forms.CharField) and type(field.widget) is forms.TextInput:
                field.validators += [validate_single_line, validate_printable]
            elif isinstance(field, forms.CharField):
                field.validators.append(validate_printable)
            field.help_text = help_texts.get(name, field.help_text)
            field.disabled = field.disabled or read_only
            if isinstance(field, forms.IntegerField):
                _model_limits(field, self._meta.model, name)
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = full_date_message()
            style_field(field)
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


TEMPLATE_PREFIX = "template-"


def _start_choices(user: Any) -> list[tuple[Any, Any]]:
    choices: list[tuple[Any, Any]] = [("", _("An empty register")), *SECTORS.choices]
    if user is not None:
        own = RegisterTemplate.objects.available_to(user)
        mine = [(f"{TEMPLATE_PREFIX}{t.pk}", t.name) for t in own]
        if mine:
            choices.append((_("Your templates"), mine))
    return choices


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

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        start = self.fields["start"]
        assert isinstance(start, forms.ChoiceField)
        start.choices = _start_choices(user)
        for field in self.fields.values():
            style_field(field)

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"].lower()
        if slug == "import":  # the import page's address
            raise forms.ValidationError(_("This address is reserved. Please choose another."))
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


# The yes/no questions whose answer becomes a sentence: "not answered yet" until someone answers.
TRI_STATE = frozenset(
    {"collected_from_subject", "has_recipients", "has_transfers", "has_automated_decisions"}
)


def tri_state_field(model_field: forms.Field) -> forms.NullBooleanField:
    choices = [("", _("Not answered yet")), ("True", _("Yes")), ("False", _("No"))]
    field = forms.NullBooleanField(
        label=model_field.label,
        help_text=model_field.help_text,
        required=False,
        disabled=model_field.disabled,
        widget=forms.Select(choices=choices),
    )
    style_field(field)
    return field


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
                "If some data comes from elsewhere, also list the sources below; the GDPR then "
                "asks you to say where from (Art. 14)."
            ),
            "has_recipients": _(
                "Service providers such as IT, email or accounting count too. If yes, list "
                "them below (Art. 13(1)(e))."
            ),
            "has_transfers": _(
                "If yes, add each transfer below with its country and safeguard (Art. 13(1)(f))."
            ),
            "has_automated_decisions": _(
                "Yes if a computer alone makes decisions that have legal or similarly "
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
        for name in TRI_STATE & set(self.fields):
            self.fields[name] = tri_state_field(self.fields[name])
        if "subject_groups" in self.fields:
            self.fields["subject_groups"] = forms.MultipleChoiceField(
                label=_("Data subjects"),
                choices=DataSubjectGroup.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
                help_text=self.Meta.help_texts["subject_groups"],
                disabled=self.fields["subject_groups"].disabled,
            )
        if "languages" in self.fields:
            disabled = self.fields["languages"].disabled
            self.fields["languages"] = _language_field()
            self.fields["languages"].disabled = disabled
            style_field(self.fields["languages"])

    def clean_languages(self) -> list[str]:
        chosen = self.cleaned_data["languages"]
        return [code for code in LANGUAGE_CODES if code in chosen]


class RowForm(EditorForm):
    """A row of one of the register's lists; the register is given by the formset."""

    def __init__(self, *args: Any, register: Register | None = None, **kwargs: Any) -> None:
        self.register = register
        super().__init__(*args, **kwargs)
        if "DELETE" in self.fields:
            style_field(self.fields["DELETE"])
