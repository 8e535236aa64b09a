"""Inviting one person to several of one's organisations at once, each with its own role.

Each organisation gets its own invitation, checked by the same form rules and limits as on its
members page and recorded in its own audit trail; the invitee's email is still checked when each
is accepted. Either every chosen invitation is made or none.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control

from tenants.forms import InvitationForm
from tenants.mail import send_invitation
from tenants.members import invitation_create
from tenants.models import Invitation, Membership, Organisation, Role


class InviteManyForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email"), max_length=254)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {f"role_{o.pk}": o for o in organisations}
        choices = [("", gettext_lazy("Not invited")), *Role.choices]
        for name, organisation in self.organisations.items():
            self.fields[name] = forms.ChoiceField(
                label=organisation.name, choices=choices, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = self.chosen()
        if not chosen and not self.errors:
            raise ValidationError(_("Choose a role in at least one organisation."))
        email = data.get("email")
        for name, organisation, role in chosen if email else []:
            # The members page's own checks: not a member already, no open invitation.
            single = InvitationForm({"email": email, "role": role}, organisation=organisation)
            if not single.is_valid():
                for message in single.errors.get("email", []):
                    self.add_error(name, message)
        return data

    def chosen(self) -> list[tuple[str, Organisation, str]]:
        data = getattr(self, "cleaned_data", {})
        return [(n, o, data[n]) for n, o in self.organisations.items() if data.get(n)]


class _Refused(Exception):
    pass


def _owned(user: Any) -> list[Organisation]:
    memberships = Membership.objects.filter(
        user=user, role=Role.OWNER, organisation__deletion_requested_at=None
    ).select_related("organisation")
    return sorted((m.organisation for m in memberships), key=lambda o: o.name)


@login_required
@cache_control(private=True, no_store=True)
def invite_many(request: HttpRequest) -> HttpResponse:
    form = InviteManyForm(request.POST or None, organisations=_owned(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            created = _create_all(request, form)
        except _Refused:
            pass
        else:
            _mail_all(request, created)
            return redirect("organisation_list")
    status = 400 if form.errors else 200
    return render(request, "tenants/invite_many.html", {"form": form}, status=status)


def _create_all(request: HttpRequest, form: InviteManyForm) -> list[tuple[Invitation, str]]:
    created: list[tuple[Invitation, str]] = []
    with transaction.atomic():
        for name, organisation, role in form.chosen():
            result = invitation_create(
                request=request,
                organisation=organisation,
                email=form.cleaned_data["email"].lower(),
                role=role,
            )
            if isinstance(result, str):
                form.add_error(name, result)
            else:
                created.append(result)
        if form.errors:
            raise _Refused  # nothing is kept: every chosen invitation or none
    return created


def _mail_all(request: HttpRequest, created: list[tuple[Invitation, str]]) -> None:
    for invitation, token in created:
        link = send_invitation(invitation, token, request=request)
        names = {"email": invitation.email, "organisation": invitation.organisation.name}
        if link.mailed:
            messages.success(
                request, _("Invitation to %(organisation)s sent to %(email)s.") % names
            )
        else:
            message = _(
                "The invitation to %(organisation)s could not be mailed to %(email)s. Pass this "
                "link on yourself: %(link)s"
            )
            messages.error(request, message % {**names, "link": link.url})
