"""How much one account, client address or organisation may create: organisations, invitations.

The counts come from the audit trail, which is in the database: every app server sees the same
numbers, and a cancelled invitation still counts. Callers hold a row lock (the user's or the
organisation's) while they check and create, so simultaneous requests cannot all slip under a limit.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.audit import client_ip
from tenants.models import (
    INVITATION_LIFETIME,
    AuditEvent,
    Invitation,
    Membership,
    Organisation,
    Role,
)

HOUR = timedelta(hours=1)


def _recent(action: str, condition: Q) -> int:
    since = timezone.now() - HOUR
    return AuditEvent.objects.filter(condition, action=action, created_at__gte=since).count()


def _by_user_or_address(request: HttpRequest, user: Any) -> Q:
    condition = Q(user=user)
    address = client_ip(request)
    if address:
        condition |= Q(ip_address=address)
    return condition


def organisation_refusal(request: HttpRequest, user: Any) -> str | None:
    """Why ``user`` may not create another organisation now, or None."""
    cap = settings.SELOSTE_MAX_OWNED_ORGANISATIONS
    if Membership.objects.filter(user=user, role=Role.OWNER).count() >= cap:
        return _(
            "Your account owns %(count)d organisations, the most this service allows. Ask its "
            "operator to raise the limit."
        ) % {"count": cap}
    hourly = settings.SELOSTE_ORGANISATIONS_PER_HOUR
    if _recent("organisation_created", _by_user_or_address(request, user)) >= hourly:
        return _("%(count)d organisations were created in the last hour. Try again later.") % {
            "count": hourly
        }
    return None


def invitation_refusal(request: HttpRequest, organisation: Organisation) -> str | None:
    """Why no more invitations may be sent for ``organisation`` now, or None."""
    open_cap = settings.SELOSTE_MAX_OPEN_INVITATIONS
    still_open = Invitation.objects.filter(
        organisation=organisation,
        accepted_at=None,
        created_at__gt=timezone.now() - INVITATION_LIFETIME,
    )
    if still_open.count() >= open_cap:
        return _(
            "%(count)d invitations are waiting to be accepted, the most at once. Cancel some "
            "before inviting more."
        ) % {"count": open_cap}
    hourly = settings.SELOSTE_INVITATIONS_PER_HOUR
    if _recent("member_invited", Q(organisation=organisation) | Q(user=request.user)) >= hourly:
        return _("%(count)d invitations were sent in the last hour. Try again later.") % {
            "count": hourly
        }
    return None


def address_locked_out(request: HttpRequest) -> bool:
    """Whether the client address failed to log in too often, whatever user names it tried."""
    address = client_ip(request)
    if not address:
        return False
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AuditEvent.objects.filter(
        action="login_failed", ip_address=address, created_at__gte=since
    )
    return failures.count() >= settings.SELOSTE_LOGIN_FAILURES_PER_ADDRESS
