"""Free text kept once per language: ``{"fi": "...", "en": "...", "sv": "..."}`` in one column.

A register chooses its own languages, so a JSON value per field (rather than a column per
language) keeps any combination possible and makes "is every published language filled in?" a
question about one value.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from registers.validators import validate_printable, validate_single_line

LANGUAGE_CODES = ("fi", "en", "sv")
LANGUAGE_NAMES = {"fi": _("Finnish"), "en": _("English"), "sv": _("Swedish")}


def clean_translations(value: Any) -> dict[str, str]:
    if not value:
        return {}
    if not isinstance(value, dict):
        raise ValidationError(_("Enter the text per language."))
    cleaned = {}
    for code, text in value.items():
        if code not in LANGUAGE_CODES or not isinstance(text, str):
            raise ValidationError(_("Enter the text per language."))
        if text.strip():
            cleaned[code] = text.strip()
    return cleaned


class TranslatedTextField(models.JSONField):
    """A model field holding one text per language code; empty languages are not stored."""

    def __init__(self, *args: Any, max_length: int = 4000, **kwargs: Any) -> None:
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.text_max_length != 4000:
            kwargs["max_length"] = self.text_max_length
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        return TranslatedFormField(
            label=self.verbose_name,
            help_text=self.help_text,
            required=not self.blank,
            max_length=self.text_max_length,
            multiline=self.text_max_length > 300,
        )


def translation(value: dict[str, str] | None, language: str) -> str:
    return (value or {}).get(language, "")


class TranslatedWidget(forms.MultiWidget):
    template_name = "registers/editor/widgets/translated.html"

    def __init__(self, multiline: bool = True, languages: tuple[str, ...] = LANGUAGE_CODES) -> None:
        self.languages = languages
        widget = forms.Textarea(attrs={"rows": 3}) if multiline else forms.TextInput()
        super().__init__(dict.fromkeys(languages, widget))

    def decompress(self, value: Any) -> list[str]:
        value = value if isinstance(value, dict) else {}
        return [value.get(code, "") for code in self.languages]

    # Set by the editor on a form's own copy: the marks of languages to review, by code
    # (registers/review.py), and the field's key when the reader may confirm them.
    reviews: dict[str, Any]
    confirm_key: tuple[str, int | None, str] | None = None
    review_label = ""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        reviews = getattr(self, "reviews", {})
        for subwidget, code in zip(context["widget"]["subwidgets"], self.languages, strict=True):
            subwidget["language"] = code
            subwidget["language_name"] = LANGUAGE_NAMES[code]
            subwidget["attrs"]["lang"] = code
            if code in reviews:
                subwidget["review"] = _review_context(reviews[code], self, code)
                subwidget["attrs"]["aria-describedby"] = f"{subwidget['attrs']['id']}_review"
        return context


def _review_context(review: Any, widget: TranslatedWidget, code: str) -> dict[str, Any]:
    changed = [str(LANGUAGE_NAMES[c]) for c in review.changed if c in LANGUAGE_NAMES]
    key = widget.confirm_key
    return {
        "changed": ", ".join(changed),
        "label": widget.review_label,
        "confirm": confirm_value(key, code) if key else "",
    }


def confirm_value(key: tuple[str, int | None, str], language: str) -> str:
    """The value of a "Confirm translation" button: ``<list>:<row id>:<field>:<language>``."""
    rows, row_id, field = key
    return f"{rows}:{row_id or ''}:{field}:{language}"


class TranslatedFormField(forms.MultiValueField):
    """Side-by-side inputs, one per language of the register being edited."""

    def __init__(
        self,
        *,
        max_length: int = 4000,
        multiline: bool = True,
        languages: tuple[str, ...] = LANGUAGE_CODES,
        required: bool = False,
        **kwargs: Any,
    ) -> None:
        self.languages = languages
        self.text_max_length = max_length
        self.multiline = multiline
        validators = (
            [validate_printable] if multiline else [validate_single_line, validate_printable]
        )
        fields = [
            forms.CharField(max_length=max_length, required=False, validators=validators)
            for _code in languages
        ]
        super().__init__(
            fields=fields,
            widget=TranslatedWidget(multiline, languages),
            required=required,
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> dict[str, str]:
        return {
            code: text.strip()
            for code, text in zip(self.languages, data_list or [], strict=False)
            if text and text.strip()
        }

    def with_languages(self, languages: tuple[str, ...]) -> TranslatedFormField:
        """The same field with inputs for these languages only (the register's own)."""
        return TranslatedFormField(
            max_length=self.text_max_length,
            multiline=self.multiline,
            languages=languages,
            required=self.required,
            label=self.label,
            help_text=self.help_text,
        )
