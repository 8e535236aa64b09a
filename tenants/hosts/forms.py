from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.hosts.models import CustomHost
from tenants.hosts.names import is_ours, normalised


class CustomHostForm(forms.Form):
    host = forms.CharField(
        label=gettext_lazy("Host name"),
        max_length=253,
        help_text=gettext_lazy(
            "A name of your own domain for your notices, e.g. privacy.example.fi, without https://."
        ),
    )

    def clean_host(self) -> str:
        host = normalised(str(self.cleaned_data["host"]))
        if not host:
            raise forms.ValidationError(
                _(
                    "Enter a host name such as privacy.example.fi: letters, digits, hyphens "
                    "and dots."
                )
            )
        if is_ours(host):
            raise forms.ValidationError(_("This is one of Seloste's own addresses."))
        if CustomHost.objects.filter(host=host).exists():
            raise forms.ValidationError(_("This host name is already in use."))
        return host
