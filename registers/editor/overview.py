"""A register's home: where it stands, what blocks publishing, and the one next thing to do.

Editors cannot publish; they ask the owners, who are mailed and see the request here until the
register is published again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registers.compliance import checklist_context
from registers.editor.interview.views import continue_url
from registers.editor.sections import SECTIONS
from registers.models import Controller, Register
from registers.publishing.review.actions import overview_state
from registers.publishing.status import register_status
from registers.vocabulary import Language
from tenants import audit
from tenants.access import current_organisation, role_required
from tenants.models import AuditEvent, Membership, Role
from tenants.queue.tasks import send_email

PUBLISH_REQUESTED = "register.publish_requested"


@role_required(Role.VIEWER)
def register_overview(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    controller = Controller.load()
    checklist = checklist_context(register, controller)
    status = register_status(register, controller)
    first_error = next(
        (item["url"] for item in checklist["checklist"] if item["finding"].severity == "error"),
        None,
    )
    context = {
        **checklist,
        "status": status,
        "first_error": first_error,
        "role": request.membership.role,  # type: ignore[attr-defined]
        "requests": publish_requests(request, register, status.latest),
        "owners": owners(request),
        "review": overview_state(register, controller),
        "sections": SECTIONS.values(),
        "languages": [Language(code).label for code in register.languages],
        "interview": continue_url(register),
    }
    return render(request, "registers/editor/overview.html", context)


def publish_requests(request: HttpRequest, register: Register, latest: Any) -> QuerySet[AuditEvent]:
    """The requests to publish made since the latest version, newest first."""
    events = AuditEvent.objects.filter(
        organisation=current_organisation(request),
        action=PUBLISH_REQUESTED,
        detail__register=register.slug,
    ).select_related("user")
    if latest is not None:
        events = events.filter(created_at__gt=latest.published_at)
    return events[:10]


def owners(request: HttpRequest) -> list[Any]:
    memberships = Membership.objects.filter(
        organisation=current_organisation(request), role=Role.OWNER
    ).select_related("user")
    return [membership.user for membership in memberships.order_by("user__email")]


@require_POST
@role_required(Role.EDITOR)
def register_ask_publish(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    recipients = [user.email for user in owners(request) if user.email]
    link = request.build_absolute_uri(reverse("register_overview", kwargs={"slug": slug}))
    context = {"register": register, "requester": request.user, "link": link}
    send_email.enqueue(
        subject=_("Please publish “%(register)s”") % {"register": register.title(get_language())},
        message=render_to_string("registers/editor/email/publish_request.txt", context),
        recipient_list=recipients,
    )
    audit.record(PUBLISH_REQUESTED, request=request, register=register.slug)
    messages.success(request, _("The owners were asked to publish the register."))
    return redirect("register_overview", slug=register.slug)
