"""The landing page and sign-up, the organisation list and switcher, the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.decorators import ratelimit

from tenants import audit
from tenants.access import current_organisation, role_required
from tenants.accounts import handoff
from tenants.audit_detail import detail_items
from tenants.forms import (
    OrganisationForm,
    SignUpForm,
)
from tenants.models import (
    AuditEvent,
    Membership,
    Role,
    organisation_create,
)

User = get_user_model()
BACKEND = "django.contrib.auth.backends.ModelBackend"


# What the audit trail shows for each recorded action; an unknown action is shown as recorded.
ACTION_LABELS = {
    "login": gettext_lazy("Logged in"),
    "login_failed": gettext_lazy("Failed log-in"),
    "organisation_created": gettext_lazy("Organisation created"),
    "member_invited": gettext_lazy("Person invited"),
    "invitation_cancelled": gettext_lazy("Invitation cancelled"),
    "invitation_accepted": gettext_lazy("Invitation accepted"),
    "member_role_changed": gettext_lazy("Role changed"),
    "member_removed": gettext_lazy("Member removed"),
    "password_changed": gettext_lazy("Password changed"),
    "password_reset": gettext_lazy("Password reset"),
    "register.saved": gettext_lazy("Register edited"),
    "controller.saved": gettext_lazy("Organisation details edited"),
    "register.published": gettext_lazy("Register published"),
    "register.publish_requested": gettext_lazy("Asked an owner to publish"),
    "otp_enabled": gettext_lazy("Two-factor log-in turned on"),
    "otp_verified": gettext_lazy("Two-factor code accepted"),
    "otp_failed": gettext_lazy("Wrong two-factor code"),
    "otp_disabled": gettext_lazy("Two-factor log-in turned off"),
}


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/landing.html")


# Sign-ups are cheap to script: a client address gets settings.SIGNUP_RATE of them.
@ratelimit(key="ip", rate=settings.SIGNUP_RATE, method="POST", block=True)
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("organisation_new")
    form = SignUpForm(request.POST or None, base_domain=settings.BASE_DOMAIN)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=data["email"], email=data["email"], password=data["password1"]
                )
                organisation = organisation_create(name=data["name"], slug=data["slug"], owner=user)
        except IntegrityError:
            # Someone took the address or the email between the form's checks and the insert.
            form.add_error(None, _("The address or the email was taken a moment ago. Try again."))
            return render(request, "tenants/signup.html", {"form": form})
        audit.record(
            "organisation_created",
            request=request,
            user=user,
            organisation=organisation,
            slug=organisation.slug,
        )
        login(request, user, backend=BACKEND)
        return redirect(handoff.handoff_url(user=user, organisation=organisation))
    return render(request, "tenants/signup.html", {"form": form})


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, base_domain=settings.BASE_DOMAIN)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_create(
                name=form.cleaned_data["name"], slug=form.cleaned_data["slug"], owner=request.user
            )
        except IntegrityError:
            form.add_error("slug", _("This address is already taken. Please choose another."))
            return render(request, "tenants/organisation_new.html", {"form": form})
        audit.record(
            "organisation_created",
            request=request,
            organisation=organisation,
            slug=organisation.slug,
        )
        return redirect(handoff.handoff_url(user=request.user, organisation=organisation))
    return render(request, "tenants/organisation_new.html", {"form": form})


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/organisation_list.html")


@login_required
def switch(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("organisation"),
        user=request.user,
        organisation__slug=slug,
    )
    return redirect(handoff.handoff_url(user=request.user, organisation=membership.organisation))


@role_required(Role.OWNER)
def audit_trail(request: HttpRequest) -> HttpResponse:
    events = list(
        AuditEvent.objects.filter(organisation=current_organisation(request)).select_related(
            "user"
        )[:500]
    )
    for event in events:
        event.label = ACTION_LABELS.get(event.action, event.action)  # type: ignore[attr-defined]
        event.details = detail_items(event.detail)  # type: ignore[attr-defined]
    return render(request, "tenants/audit.html", {"events": events})
