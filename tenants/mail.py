"""Mail the accounts part sends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest
from django.tasks import TaskResultStatus
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from tenants.models import Invitation, host_url
from tenants.queue.tasks import send_email


@dataclass(frozen=True)
class InvitationLink:
    url: str
    # False when sending failed at once; a queued mail counts as sent.
    mailed: bool


def send_invitation(invitation: Invitation, token: str, *, request: HttpRequest) -> InvitationLink:
    """Mail the invitation link to the invitee and return the link.

    The link points at the public site: the invitee may have no account, and so no way into the
    organisation's host, yet.
    """
    path = reverse("invitation_accept", args=[token], urlconf="config.urls_public")
    link = host_url(settings.BASE_DOMAIN, path)
    context = {"invitation": invitation, "link": link, "inviter": request.user}
    # Rendered here, in the inviter's language, so the queued task needs nothing but its arguments.
    result = send_email.enqueue(
        subject=_("You are invited to %(organisation)s on Seloste")
        % {"organisation": invitation.organisation.name},
        message=render_to_string("tenants/email/invitation.txt", context, request=request),
        recipient_list=[invitation.email],
    )
    return InvitationLink(url=link, mailed=result.status != TaskResultStatus.FAILED)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the mail sent through the task queue."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        send_email.enqueue(
            subject=subject,
            message=render_to_string(email_template_name, context),
            recipient_list=[to_email],
            from_email=from_email,
        )
