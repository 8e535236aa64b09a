from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tenants.models import RESERVED_SLUGS, Invitation, Membership, Organisation, Role, slug_validator

User = get_user_model()


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Organisation name"), max_length=200,
        help_text=_("As it should appear in your privacy notices, e.g. Example Clinic Ltd."),
    )
    slug = forms.CharField(
        label=_("Address"), min_length=3, max_length=40, validators=[slug_validator],
        help_text=_("Your notices will be at <address>.%(domain)s."),
    )

    def __init__(self, *args: Any, base_domain: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].help_text = _(
            "Your notices will be at <address>.%(domain)s. Lower-case letters, digits and hyphens."
        ) % {"domain": base_domain}

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"].lower()
        if slug in RESERVED_SLUGS or slug.startswith(("xn--", "org-")):
            raise ValidationError(_("This address is reserved. Please choose another."))
        if Organisation.objects.filter(slug=slug).exists():
            raise ValidationError(_("This address is already taken. Please choose another."))
        return slug


class SignUpForm(OrganisationForm):
    email = forms.EmailField(label=_("Your email"), max_length=254)
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].lower()
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError(
                _("An account with this email exists. Log in and add the organisation there.")
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            user = User(username=data.get("email", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password1, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class AccountForm(forms.Form):
    """A new account for someone accepting an invitation."""

    password1 = SignUpForm.base_fields["password1"]
    password2 = SignUpForm.base_fields["password2"]

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            try:
                password_validation.validate_password(password1, User(username=self.email))
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].lower()
        if Membership.objects.filter(
            organisation=self.organisation, user__username__iexact=email
        ).exists():
            raise ValidationError(_("This person is already a member."))
        if any(
            invitation.is_open
            for invitation in Invitation.objects.filter(organisation=self.organisation, email=email)
        ):
            raise ValidationError(_("This person already has an open invitation."))
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
