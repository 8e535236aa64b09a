"""The owner's branding form: a logo to upload or remove, and an accent colour."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.branding import colours
from tenants.branding.images import MAX_BYTES, CleanLogo, LogoRefused, clean_logo

LOGO_MESSAGES = {
    "too_large": gettext_lazy("The file is larger than 1 MB. Upload a smaller image."),
    "too_many_pixels": gettext_lazy(
        "The image is larger than 4000 × 4000 pixels. Upload a smaller image."
    ),
    "not_an_image": gettext_lazy(
        "Upload a PNG, JPEG or WebP image. Other formats, SVG included, are not accepted."
    ),
}


class BrandingForm(forms.Form):
    logo = forms.FileField(
        label=gettext_lazy("Logo"),
        required=False,
        help_text=gettext_lazy(
            "A PNG, JPEG or WebP image of at most 1 MB and 4000 × 4000 pixels. "
            "It is shown at the top of your notices, with your organisation's name as its text."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=gettext_lazy("Remove the logo"), required=False)
    accent = forms.CharField(
        label=gettext_lazy("Accent colour"),
        required=False,
        max_length=7,
        help_text=gettext_lazy(
            "A colour as #rrggbb, e.g. #0b5cad, for headings, links and rules. It must be dark "
            "enough to read on white and to carry white text. Leave empty for none."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_logo(self) -> CleanLogo | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("logo")
        if not upload:
            return None
        # Refused before reading: the size is known from the upload itself.
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(LOGO_MESSAGES["too_large"], code="too_large")
        try:
            return clean_logo(upload.read(MAX_BYTES + 1))
        except LogoRefused as refused:
            raise forms.ValidationError(LOGO_MESSAGES[refused.code], code=refused.code) from None

    def clean_accent(self) -> str:
        accent = str(self.cleaned_data.get("accent") or "").strip().lower()
        if not accent:
            return ""
        if not colours.HEX.match(accent):
            raise forms.ValidationError(
                _("Enter the colour as # and six hexadecimal digits, e.g. #0b5cad."), code="format"
            )
        ratio = colours.weakest_contrast(accent)
        if ratio < colours.MINIMUM:
            raise forms.ValidationError(
                _(
                    "This colour's contrast against white is %(ratio)s:1; at least %(minimum)s:1 "
                    "is needed for text to be readable (WCAG 2.2 AA). Choose a darker colour."
                )
                % {
                    "ratio": number_format(colours.shown(ratio), 2),
                    "minimum": number_format(colours.MINIMUM, 1),
                },
                code="contrast",
            )
        return accent

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("logo") and data.get("remove_logo"):
            self.add_error("remove_logo", _("Either upload a new logo or remove it, not both."))
        return data
