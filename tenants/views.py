"""Sign-up, the organisation switcher, members and invitations."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenants import audit, handoff
from tenants.access import current_organisation, role_required
from tenants.forms import AccountForm, InvitationForm, OrganisationForm, RoleForm, SignUpForm
from tenants.models import AuditEvent, Invitation, Membership, Organisation, Role, organisation_create

User = get_user_model()


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/landing.html")


def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None, base_domain=settings.BASE_DOMAIN)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = User.objects.create_user(
                username=data["email"], email=data["email"], password=data["password1"]
            )
            organisation = organisation_create(name=data["name"], slug=data["slug"], owner=user)
            audit.record("organisation_created", request=request, user=user,
                         organisation=organisation, slug=organisation.slug)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(handoff.handoff_url(user=user, organisation=organisation))
    return render(request, "tenants/signup.html", {"form": form})


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, base_domain=settings.BASE_DOMAIN)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_create(
            name=form.cleaned_data["name"], slug=form.cleaned_data["slug"], owner=request.user
        )
        audit.record("organisation_created", request=request, organisation=organisation,
                     slug=organisation.slug)
        return redirect(handoff.handoff_url(user=request.user, organisation=organisation))
    return render(request, "tenants/organisation_new.html", {"form": form})


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/organisation_list.html")


@login_required
def switch(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("organisation"), user=request.user,
        organisation__slug=slug,
    )
    return redirect(handoff.handoff_url(user=request.user, organisation=membership.organisation))


def handoff_receive(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    redeemed = handoff.redeem(request.GET.get("t", ""), organisation=organisation)
    if redeemed is None:
        messages.error(request, _("That sign-in link has expired. Please log in."))
        return redirect("login")
    user_id, next_path = redeemed
    user = get_object_or_404(User, pk=user_id, is_active=True)
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise PermissionDenied
    if request.user != user:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponseRedirect(next_path)


@role_required(Role.VIEWER)
def members(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    context = {
        "members": Membership.objects.filter(organisation=organisation)
        .select_related("user").order_by("user__email"),
        "invitations": [i for i in Invitation.objects.filter(organisation=organisation) if i.is_open],
        "form": InvitationForm(organisation=organisation),
        "roles": Role.choices,
    }
    return render(request, "tenants/members.html", context)


@role_required(Role.OWNER)
def invite(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        invitation, token = Invitation.create(
            organisation=organisation, email=form.cleaned_data["email"],
            role=form.cleaned_data["role"], invited_by=request.user,
        )
        from tenants.mail import send_invitation

        link = send_invitation(invitation, token, request=request)
        audit.record("member_invited", request=request, email=invitation.email, role=invitation.role)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        request.session["last_invitation_link"] = link
        return redirect("members")
    return render(request, "tenants/invite.html", {"form": form})


@require_POST
@role_required(Role.OWNER)
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = current_organisation(request)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect("members")
    with transaction.atomic():
        owners = Membership.objects.select_for_update().filter(
            organisation=organisation, role=Role.OWNER
        )
        if form.cleaned_data["role"] != Role.OWNER and list(owners) == [membership]:
            messages.error(request, _("An organisation needs at least one owner."))
            return redirect("members")
        old_role = membership.role
        membership.role = form.cleaned_data["role"]
        membership.save(update_fields=["role"])
        audit.record("member_role_changed", request=request, member=membership.user.email,
                     old=old_role, new=membership.role)
    messages.success(request, _("Role changed."))
    return redirect("members")


@require_POST
@role_required(Role.OWNER)
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = current_organisation(request)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    with transaction.atomic():
        owners = list(
            Membership.objects.select_for_update().filter(organisation=organisation, role=Role.OWNER)
        )
        if owners == [membership]:
            messages.error(request, _("The last owner cannot be removed."))
            return redirect("members")
        membership.delete()
        audit.record("member_removed", request=request, member=membership.user.email)
    messages.success(request, _("Member removed."))
    return redirect("members")


@require_POST
@role_required(Role.OWNER)
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk, organisation=current_organisation(request))
    invitation.delete()
    audit.record("invitation_cancelled", request=request, email=invitation.email)
    return redirect("members")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.by_token(token)
    if invitation is None or not invitation.is_open:
        return render(request, "tenants/invitation_invalid.html", status=404)
    existing = User.objects.filter(username__iexact=invitation.email).first()
    form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            return _accept(request, invitation, request.user)
    elif existing is None:
        form = AccountForm(request.POST or None, email=invitation.email)
        if request.method == "POST" and form.is_valid():
            user = User.objects.create_user(
                username=invitation.email, email=invitation.email,
                password=form.cleaned_data["password1"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _accept(request, invitation, user)
    context = {"invitation": invitation, "form": form, "existing": existing}
    return render(request, "tenants/invitation_accept.html", context)


def _accept(request: HttpRequest, invitation: Invitation, user: object) -> HttpResponse:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise Http404
        Membership.objects.get_or_create(
            user=user, organisation=locked.organisation, defaults={"role": locked.role}
        )
        locked.accepted_at = timezone.now()
        locked.accepted_by = user  # type: ignore[assignment]
        locked.save(update_fields=["accepted_at", "accepted_by"])
        audit.record("invitation_accepted", request=request, user=user,
                     organisation=locked.organisation, email=locked.email, role=locked.role)
    return redirect(handoff.handoff_url(user=user, organisation=locked.organisation))


@role_required(Role.OWNER)
def audit_trail(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.filter(organisation=current_organisation(request)).select_related(
        "user"
    )[:500]
    return render(request, "tenants/audit.html", {"events": events})
