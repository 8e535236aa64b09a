from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from tenants.models import (
    RESERVED_SLUGS,
    Invitation,
    Membership,
    Organisation,
    Role,
    single_line_validator,
    slug_validator,
)

User = get_user_model()


class LowerCaseField(forms.CharField):
    """Text compared without regard to case: lowered before it is validated."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().lower()


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Organisation name"),
        max_length=200,
        validators=[single_line_validator],
        help_text=_("As it should appear in your privacy notices, e.g. Example Clinic Ltd."),
    )
    slug = LowerCaseField(
        label=_("Address"), min_length=3, max_length=40, validators=[slug_validator]
    )

    def __init__(self, *args: Any, base_domain: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].help_text = _(
            "For example example-clinic: your notices will be at example-clinic.%(domain)s."
        ) % {"domain": base_domain}

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS or slug.startswith(("xn--", "org-")):
            raise ValidationError(_("This address is reserved. Please choose another."))
        if Organisation.objects.filter(slug=slug).exists():
            raise ValidationError(_("This address is already taken. Please choose another."))
        return slug


def check_new_password(form: forms.Form, data: dict[str, Any], email: str) -> None:
    """Add errors to ``form`` unless password1 and password2 match and pass the validators."""
    password1, password2 = data.get("password1"), data.get("password2")
    if password1 and password2 and password1 != password2:
        form.add_error("password2", _("The two passwords differ."))
    elif password1:
        try:
            password_validation.validate_password(password1, User(username=email, email=email))
        except ValidationError as error:
            form.add_error("password1", error)


def new_password_field(label: StrOrPromise, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class SignUpForm(OrganisationForm):
    email = forms.EmailField(label=_("Your email"), max_length=254)
    password1 = new_password_field(
        _("Password"), password_validation.password_validators_help_text_html()
    )
    password2 = new_password_field(_("Password again"))

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].lower()
        if User.objects.filter(username__iexact=email).exists():
            raise ValidationError(
                _("An account with this email exists. Log in and add the organisation there.")
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_new_password(self, data, data.get("email", ""))
        return data


class AccountForm(forms.Form):
    """A new account for someone accepting an invitation."""

    password1 = new_password_field(
        _("Password"), password_validation.password_validators_help_text_html()
    )
    password2 = new_password_field(_("Password again"))

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_new_password(self, data, self.email)
        return data


class LoginForm(AuthenticationForm):
    """Log-in by email: accounts are named by their email, in lower case."""

    username = LowerCaseField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


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
        pending = Invitation.objects.filter(
            organisation=self.organisation, email=email, accepted_at=None
        )
        if any(invitation.is_open for invitation in pending):
            raise ValidationError(_("This person already has an open invitation."))
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
