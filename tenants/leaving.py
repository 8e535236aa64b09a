"""Leaving Seloste: an owner deletes the organisation, which stays restorable for a grace period.

Deleting takes the organisation offline at once: its notices answer 404 and its members see only
when it will be gone and, for owners, how to cancel. Operators can restore it in the admin until
the grace period ends; ``manage.py purge_organisations`` then drops its schema. The audit trail
of the deletion stays in the public schema.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tenants import audit
from tenants.access import current_organisation, membership_for, role_required
from tenants.models import AuditEvent, Organisation, Role

GRACE = datetime.timedelta(days=settings.SELOSTE_DELETION_GRACE_DAYS)
# The owner must have downloaded the organisation's backup this recently.
BACKUP_WITHIN = datetime.timedelta(hours=24)
STATUS_PATH = "/organisation/deletion/"
OPEN_PREFIXES = (STATUS_PATH, "/accounts/", "/i18n/", "/static/")


def deletes_on(organisation: Organisation) -> datetime.datetime | None:
    requested = organisation.deletion_requested_at
    return requested + GRACE if requested else None


def has_recent_backup(organisation: Organisation, user: Any) -> bool:
    since = timezone.now() - BACKUP_WITHIN
    return AuditEvent.objects.filter(
        organisation=organisation, user=user, action="organisation.exported", created_at__gte=since
    ).exists()


class DeleteForm(forms.Form):
    address = forms.CharField(
        label=gettext_lazy("Type the organisation's address to confirm"), max_length=40
    )
    password = forms.CharField(label=gettext_lazy("Your password"), widget=forms.PasswordInput)

    def __init__(self, *args: Any, organisation: Organisation, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation, self.user = organisation, user

    def clean_address(self) -> str:
        address = str(self.cleaned_data["address"]).strip()
        if address != self.organisation.slug:
            raise forms.ValidationError(
                _("Type %(address)s exactly.") % {"address": self.organisation.slug}
            )
        return address

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."))
        return password


@role_required(Role.OWNER)
def organisation_delete(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    backed_up = has_recent_backup(organisation, request.user)
    form = DeleteForm(request.POST or None, organisation=organisation, user=request.user)
    if request.method == "POST" and backed_up and form.is_valid():
        organisation.deletion_requested_at = timezone.now()
        # A save, not an update: every process must see the host change (tenants/middleware.py).
        organisation.save(update_fields=["deletion_requested_at"])
        audit.record("organisation.deletion_requested", request=request, slug=organisation.slug)
        return redirect("organisation_deletion")
    context = {"form": form, "backed_up": backed_up, "grace_days": GRACE.days}
    return render(request, "tenants/organisation_delete.html", context)


def organisation_deletion(request: HttpRequest) -> HttpResponse:
    """What a member sees of an organisation being deleted; 404 for everyone else."""
    organisation = current_organisation(request)
    membership = membership_for(request)
    if organisation.deletion_requested_at is None or membership is None:
        raise Http404
    context = {"deletes_on": deletes_on(organisation), "is_owner": membership.role == Role.OWNER}
    return render(request, "tenants/organisation_deletion.html", context)


@require_POST
@role_required(Role.OWNER)
def organisation_restore(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    if organisation.deletion_requested_at is not None:
        restore(organisation, request=request)
        messages.success(request, _("The organisation is no longer being deleted."))
    return redirect("/")


def restore(
    organisation: Organisation, *, request: HttpRequest | None = None, user: Any = None
) -> None:
    organisation.deletion_requested_at = None
    organisation.save(update_fields=["deletion_requested_at"])
    audit.record(
        "organisation.restored",
        request=request,
        user=user,
        organisation=organisation,
        slug=organisation.slug,
    )


def purge(now: datetime.datetime | None = None) -> list[str]:
    """Delete every organisation whose grace period has ended; returns their addresses."""
    cutoff = (now or timezone.now()) - GRACE
    purged = []
    for organisation in Organisation.objects.filter(deletion_requested_at__lte=cutoff):
        audit.record(
            "organisation.deleted",
            slug=organisation.slug,
            name=organisation.name,
            requested_at=organisation.deletion_requested_at.isoformat(),  # type: ignore[union-attr]
        )
        organisation.delete(force_drop=True)
        purged.append(organisation.slug)
    return purged


class LeavingMiddleware:
    """An organisation being deleted answers only its deletion page (and log-in) on its host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tenant = getattr(request, "tenant", None)
        leaving = isinstance(tenant, Organisation) and tenant.deletion_requested_at is not None
        if leaving and not request.path_info.startswith(OPEN_PREFIXES):
            if membership_for(request) is None:
                raise Http404
            return redirect(STATUS_PATH)
        return self.get_response(request)
