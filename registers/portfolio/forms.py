"""The dashboard's search and filters, and the copy forms."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _

from tenants.models import Membership, Role

STATES = (
    ("", _("All registers")),
    ("errors", _("Errors block publishing")),
    ("ready", _("Ready to publish")),
    ("published", _("Published and up to date")),
)


class DashboardFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search organisations and registers"), required=False, max_length=100
    )
    state = forms.ChoiceField(label=_("Status"), choices=STATES, required=False)
    role = forms.ChoiceField(
        label=_("Your role"), choices=[("", _("Any role")), *Role.choices], required=False
    )


def _target_choices(memberships: list[Membership]) -> list[tuple[str, str]]:
    """The organisations where the user may write: editor or owner."""
    return [
        (m.organisation.slug, m.organisation.name) for m in memberships if m.has_role(Role.EDITOR)
    ]


class TargetForm(forms.Form):
    target = forms.ChoiceField(label=_("Copy to"))

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["target"])
        field.choices = [("", _("Choose an organisation")), *_target_choices(memberships)]
        self.memberships = {m.organisation.slug: m for m in memberships}

    def target_membership(self) -> Membership:
        return self.memberships[self.cleaned_data["target"]]


class CopyRegisterForm(TargetForm):
    slug = forms.CharField(
        label=_("Address of the copy"),
        max_length=60,
        validators=[validate_slug],
        help_text=_("Lower-case letters, digits and hyphens; unique within the organisation."),
    )

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug != slug.lower():
            raise forms.ValidationError(_("Use lower-case letters in the address."))
        return slug
