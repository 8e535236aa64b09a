"""The landing page and sign-up, the organisation list and switcher, the audit trail."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.decorators import ratelimit

from tenants import audit, limits
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
    Organisation,
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
    "record.saved": gettext_lazy("Record of processing edited"),
    "organisation.exported": gettext_lazy("Backup downloaded"),
    "organisation.deletion_requested": gettext_lazy("Organisation deleted (can still be restored)"),
    "organisation.restored": gettext_lazy("Organisation restored"),
    "organisation.deleted": gettext_lazy("Organisation removed for good"),
    "record.processor_saved": gettext_lazy("Processing for others edited"),
    "record.exported": gettext_lazy("Record of processing downloaded"),
    "record.downloaded": gettext_lazy("Earlier record of processing downloaded"),
    "register.publish_requested": gettext_lazy("Asked an owner to publish"),
    "organisation.review_setting": gettext_lazy("Review before publishing changed"),
    "register.review_submitted": gettext_lazy("Register submitted for review"),
    "register.review_returned": gettext_lazy("Register sent back with comments"),
    "register.review_approved": gettext_lazy("Register approved for publishing"),
    "register.copied": gettext_lazy("Register copied from another organisation"),
    "controller.copied": gettext_lazy("Organisation details copied from another organisation"),
    "register.template_saved": gettext_lazy("Register saved as a template"),
    "register.template_removed": gettext_lazy("Template removed"),
    "otp_enabled": gettext_lazy("Two-factor log-in turned on"),
    "otp_verified": gettext_lazy("Two-factor code accepted"),
    "otp_failed": gettext_lazy("Wrong two-factor code"),
    "otp_disabled": gettext_lazy("Two-factor log-in turned off"),
    "branding.changed": gettext_lazy("Branding changed"),
    "custom_host.added": gettext_lazy("Own host name added"),
    "custom_host.verified": gettext_lazy("Own host name verified"),
    "custom_host.removed": gettext_lazy("Own host name removed"),
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
        organisation = _create_within_limits(request, form)
        if organisation is not None:
            return redirect(handoff.handoff_url(user=request.user, organisation=organisation))
    return render(request, "tenants/organisation_new.html", {"form": form})


def _create_within_limits(request: HttpRequest, form: OrganisationForm) -> Organisation | None:
    """Create the form's organisation unless a limit refuses; the reason goes on the form."""
    try:
        with transaction.atomic():
            # The user's row is the lock: one account's simultaneous requests count one by one.
            user = User.objects.select_for_update().get(username=request.user.get_username())
            refusal = limits.organisation_refusal(request, user)
            if refusal:
                form.add_error(None, refusal)
                return None
            organisation = organisation_create(
                name=form.cleaned_data["name"], slug=form.cleaned_data["slug"], owner=user
            )
            audit.record(
                "organisation_created",
                request=request,
                organisation=organisation,
                slug=organisation.slug,
            )
    except IntegrityError:
        form.add_error("slug", _("This address is already taken. Please choose another."))
        return None
    return organisation


@login_required
def switch(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("organisation"),
        user=request.user,
        organisation__slug=slug,
    )
    # A page on that host (the dashboard opens a register's overview); never another site.
    next_path = request.GET.get("next", "/")
    if not next_path.startswith("/") or next_path.startswith("//"):
        next_path = "/"
    return redirect(
        handoff.handoff_url(
            user=request.user, organisation=membership.organisation, next_path=next_path
        )
    )


AUDIT_PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("What"), required=False)
    actor = forms.ChoiceField(label=gettext_lazy("Who"), required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", gettext_lazy("All"))
        cast(forms.ChoiceField, self.fields["action"]).choices = [
            everything,
            *ACTION_LABELS.items(),
        ]
        members = Membership.objects.filter(organisation=organisation).select_related("user")
        emails = sorted(m.user.email for m in members)
        cast(forms.ChoiceField, self.fields["actor"]).choices = [
            everything,
            *((e, e) for e in emails),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


@role_required(Role.OWNER)
def audit_trail(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    form = AuditFilterForm(request.GET or None, organisation=organisation)
    events = AuditEvent.objects.filter(organisation=organisation).select_related("user")
    if form.is_valid():
        if form.cleaned_data["action"]:
            events = events.filter(action=form.cleaned_data["action"])
        if form.cleaned_data["actor"]:
            events = events.filter(user__email=form.cleaned_data["actor"])
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page:
        event.label = ACTION_LABELS.get(event.action, event.action)  # type: ignore[attr-defined]
        event.details = detail_items(event.detail)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"events": page, "page": page, "form": form, "query": query.urlencode()}
    return render(request, "tenants/audit.html", context)
