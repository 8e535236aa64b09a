"""The editor's form of the controller details (Art. 13(1)(a)-(b), 27)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from registers.editor.forms import EditorForm
from registers.models import Controller


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
            "dpo_name": _("Optional: the notice can give only the officer's contact details."),
            "has_representative": _(
                "Only for organisations outside the EU that offer goods or services to people "
                "in the EU (Art. 27)."
            ),
            "representative_name": _(
                "The notice must give the representative's name and contact details."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The model lets a new or imported organisation lack a name; a saved page does not.
        self.fields["legal_name"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Art. 13(1)(b) asks for the officer's contact details; a name alone reaches nobody.
        if cleaned.get("has_dpo") and not (cleaned.get("dpo_email") or cleaned.get("dpo_phone")):
            self.add_error(
                "dpo_email",
                _("Enter an email address or a phone number for the data protection officer."),
            )
        if cleaned.get("has_representative") and not cleaned.get("representative_name"):
            self.add_error("representative_name", _("Enter the name of the EU representative."))
        return cleaned
