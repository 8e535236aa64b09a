"""Sign-up, log-in, the organisation switcher, members and invitations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from tenants import audit, handoff
from tenants.access import current_organisation, role_required
from tenants.forms import (
    AccountForm,
    InvitationForm,
    LoginForm,
    OrganisationForm,
    RoleForm,
    SignUpForm,
)
from tenants.mail import send_invitation
from tenants.models import (
    AuditEvent,
    Invitation,
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
    "otp_enabled": gettext_lazy("Two-factor log-in turned on"),
    "otp_verified": gettext_lazy("Two-factor code accepted"),
    "otp_failed": gettext_lazy("Wrong two-factor code"),
    "otp_disabled": gettext_lazy("Two-factor log-in turned off"),
}


def _on_organisation_host(request: HttpRequest) -> bool:
    tenant = getattr(request, "tenant", None)
    return isinstance(tenant, Organisation) and tenant.schema_name != "public"


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        # An organisation's host starts at its registers; the public site lists the organisations.
        return "/" if _on_organisation_host(self.request) else reverse("organisation_list")


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        # Django keeps this session and, through the session hash, ends the user's other ones.
        response = super().form_valid(form)
        audit.record("password_changed", request=self.request)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit.record("password_reset", request=self.request, user=form.user)
        return response


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


def handoff_receive(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    redeemed = handoff.redeem(request.GET.get("t", ""), organisation=organisation)
    if redeemed is None:
        messages.error(request, _("That sign-in link is not valid any more. Please log in."))
        return redirect("login")
    user_id, next_path = redeemed
    user = get_object_or_404(User, pk=user_id, is_active=True)
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise PermissionDenied
    if request.user != user:
        login(request, user, backend=BACKEND)
    return HttpResponseRedirect(next_path)


@role_required(Role.VIEWER)
def members(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    open_invitations = [
        invitation
        for invitation in Invitation.objects.filter(organisation=organisation, accepted_at=None)
        if invitation.is_open
    ]
    context = {
        "members": Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email"),
        "invitations": open_invitations,
        "form": InvitationForm(organisation=organisation),
        "roles": Role.choices,
        # Shown once, right after inviting, for owners who pass the link on themselves.
        "invitation_link": request.session.pop("last_invitation_link", None),
    }
    return render(request, "tenants/members.html", context)


@role_required(Role.OWNER)
def invite(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        invitation, token = Invitation.create(
            organisation=organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
        link = send_invitation(invitation, token, request=request)
        audit.record(
            "member_invited", request=request, email=invitation.email, role=invitation.role
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        request.session["last_invitation_link"] = link
        return redirect("members")
    return render(request, "tenants/invite.html", {"form": form})


def _would_leave_no_owner(membership: Membership) -> bool:
    """Whether taking ``membership`` out of the owners leaves its organisation without one.

    Locks the owners' rows so that two owners demoting each other at once cannot both succeed.
    """
    owners = list(
        Membership.objects.select_for_update()
        .filter(organisation=membership.organisation_id, role=Role.OWNER)
        .values_list("pk", flat=True)
    )
    return owners == [membership.pk]


@require_POST
@role_required(Role.OWNER)
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = current_organisation(request)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=organisation
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect("members")
    new_role = form.cleaned_data["role"]
    with transaction.atomic():
        if new_role != Role.OWNER and _would_leave_no_owner(membership):
            messages.error(request, _("An organisation needs at least one owner."))
            return redirect("members")
        old_role = membership.role
        if new_role != old_role:
            membership.role = new_role
            membership.save(update_fields=["role"])
            audit.record(
                "member_role_changed",
                request=request,
                member=membership.user.email,
                old=old_role,
                new=new_role,
            )
    messages.success(request, _("Role changed."))
    return redirect("members")


@require_POST
@role_required(Role.OWNER)
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = current_organisation(request)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=organisation
    )
    with transaction.atomic():
        if _would_leave_no_owner(membership):
            messages.error(request, _("The last owner cannot be removed."))
            return redirect("members")
        membership.delete()
        audit.record(
            "member_removed", request=request, member=membership.user.email, role=membership.role
        )
    messages.success(request, _("Member removed."))
    if membership.user_id == request.user.pk:
        return redirect("organisation_list")  # they left; this organisation's pages are closed now
    return redirect("members")


@require_POST
@role_required(Role.OWNER)
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation, pk=pk, organisation=current_organisation(request), accepted_at=None
    )
    invitation.delete()
    audit.record("invitation_cancelled", request=request, email=invitation.email)
    messages.success(request, _("Invitation cancelled."))
    return redirect("members")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.by_token(token)
    if invitation is None or not invitation.is_open:
        return render(request, "tenants/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        if request.method == "POST":
            return _accept(request, invitation, request.user)
        return render(request, "tenants/invitation_accept.html", {"invitation": invitation})
    if User.objects.filter(username__iexact=invitation.email).exists():
        # The invitee has an account: they log in and come back here.
        return render(
            request, "tenants/invitation_accept.html", {"invitation": invitation, "existing": True}
        )
    form = AccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = User.objects.create_user(
                username=invitation.email,
                email=invitation.email,
                password=form.cleaned_data["password1"],
            )
            response = _accept(request, invitation, user)
        login(request, user, backend=BACKEND)
        return response
    return render(
        request, "tenants/invitation_accept.html", {"invitation": invitation, "form": form}
    )


def _accept(request: HttpRequest, invitation: Invitation, user: Any) -> HttpResponse:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise Http404  # accepted or expired while the page was open
        Membership.objects.get_or_create(
            user=user, organisation=locked.organisation, defaults={"role": locked.role}
        )
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(
            "invitation_accepted",
            request=request,
            user=user,
            organisation=locked.organisation,
            email=locked.email,
            role=locked.role,
        )
    return redirect(handoff.handoff_url(user=user, organisation=locked.organisation))


@role_required(Role.OWNER)
def audit_trail(request: HttpRequest) -> HttpResponse:
    events = list(
        AuditEvent.objects.filter(organisation=current_organisation(request)).select_related(
            "user"
        )[:500]
    )
    for event in events:
        event.label = ACTION_LABELS.get(event.action, event.action)  # type: ignore[attr-defined]
    return render(request, "tenants/audit.html", {"events": events})
