"""Mail the accounts part sends."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from tenants.models import Invitation, host_url


def send_invitation(invitation: Invitation, token: str, *, request: HttpRequest) -> str:
    """Mail the invitation link to the invitee and return the link.

    The link points at the public site: the invitee may have no account, and so no way into the
    organisation's host, yet.
    """
    path = reverse("invitation_accept", args=[token], urlconf="config.urls_public")
    link = host_url(settings.BASE_DOMAIN, path)
    context = {"invitation": invitation, "link": link, "inviter": request.user}
    send_mail(
        subject=_("You are invited to %(organisation)s on Seloste")
        % {"organisation": invitation.organisation.name},
        message=render_to_string("tenants/email/invitation.txt", context, request=request),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return link
