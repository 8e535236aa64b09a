"""Members of an organisation: roles, removal, invitations and accepting them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants import audit, limits
from tenants.access import current_organisation, role_required
from tenants.accounts import handoff
from tenants.forms import (
    AccountForm,
    InvitationForm,
    RoleForm,
)
from tenants.mail import send_invitation
from tenants.models import (
    Invitation,
    Membership,
    Organisation,
    Role,
)

User = get_user_model()
BACKEND = "django.contrib.auth.backends.ModelBackend"


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
        created = _invite_within_limits(request, form, organisation)
        if created is not None:
            invitation, token = created
            link = send_invitation(invitation, token, request=request)
            if link.mailed:
                messages.success(
                    request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
                )
            else:
                messages.error(
                    request,
                    _("The invitation to %(email)s could not be mailed. Pass the link on yourself.")
                    % {"email": invitation.email},
                )
            request.session["last_invitation_link"] = link.url
            return redirect("members")
    return render(request, "tenants/invite.html", {"form": form})


def _invite_within_limits(
    request: HttpRequest, form: InvitationForm, organisation: Organisation
) -> tuple[Invitation, str] | None:
    """Create the form's invitation unless a limit refuses; the reason goes on the form."""
    with transaction.atomic():
        created = invitation_create(
            request=request,
            organisation=organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
        )
        if isinstance(created, str):
            form.add_error(None, created)
            return None
    return created


def invitation_create(
    *, request: HttpRequest, organisation: Organisation, email: str, role: str
) -> tuple[Invitation, str] | str:
    """Invite ``email`` to ``organisation``, recorded in its trail; or the limit's refusal.

    The caller holds a transaction: the organisation's row is the lock, so simultaneous
    invitations count one by one.
    """
    Organisation.objects.select_for_update().filter(pk=organisation.pk).exists()
    refusal = limits.invitation_refusal(request, organisation)
    if refusal:
        return refusal
    invitation, token = Invitation.create(
        organisation=organisation, email=email, role=role, invited_by=request.user
    )
    audit.record(
        "member_invited",
        request=request,
        organisation=organisation,
        email=invitation.email,
        role=invitation.role,
    )
    return invitation, token


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
        # The link is a bearer token that may be forwarded: only the invited address may use it.
        if request.user.get_username().lower() != invitation.email.lower():
            return render(
                request,
                "tenants/invitation_accept.html",
                {"invitation": invitation, "other_account": True},
                status=403,
            )
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
