"""Copying a register, or the controller details, from one of the user's organisations to another.

A copy goes through the JSON format: what is copied is exactly what an export holds, and it is
checked and written by the importer, all or nothing, with every limit the importer holds. The
user must be a member of the source (any role may read) and an editor or owner of the target; the
copy is recorded in the target's audit trail.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django_tenants.utils import schema_context

from registers import portable
from registers.models import Controller, Register
from registers.portfolio.access import my_memberships
from registers.portfolio.forms import CopyRegisterForm, TargetForm
from tenants import audit
from tenants.accounts import handoff
from tenants.models import Membership, Organisation


def _source(request: HttpRequest, slug: str) -> tuple[Membership, list[Membership]]:
    """The user's membership of the source organisation (404 without one) and all of theirs."""
    memberships = my_memberships(request.user)
    source = next((m for m in memberships if m.organisation.slug == slug), None)
    if source is None:
        raise Http404
    return source, memberships


def register_copy(
    *, request: HttpRequest, source: Organisation, slug: str, target: Organisation, new_slug: str
) -> Register:
    """Copy one register between schemas; raises portable.ImportErrors and writes nothing then."""
    with schema_context(source.schema_name):
        data = portable.register_to_dict(get_object_or_404(Register, slug=slug))
    with transaction.atomic(), schema_context(target.schema_name):
        copied = portable.register_from_dict(data, slug=new_slug)
        audit.record(
            "register.copied",
            request=request,
            organisation=target,
            register=copied.slug,
            source=source.name,
            source_register=slug,
        )
    return copied


@login_required
@cache_control(private=True, no_store=True)
def copy_register(request: HttpRequest, source_slug: str, register: str) -> HttpResponse:
    source, memberships = _source(request, source_slug)
    with schema_context(source.organisation.schema_name):
        original = get_object_or_404(Register, slug=register)
        title = original.title()
    form = CopyRegisterForm(
        request.POST or None, memberships=memberships, initial={"slug": register}
    )
    if request.method == "POST" and form.is_valid():
        target = form.target_membership().organisation
        try:
            copied = register_copy(
                request=request,
                source=source.organisation,
                slug=register,
                target=target,
                new_slug=form.cleaned_data["slug"],
            )
        except portable.ImportErrors as errors:
            _to_form(form, errors)
        else:
            overview = f"/registers/{copied.slug}/"
            return redirect(
                handoff.handoff_url(user=request.user, organisation=target, next_path=overview)
            )
    context = {"form": form, "source": source.organisation, "title": title}
    status = 400 if form.errors else 200
    return render(request, "registers/portfolio/copy_register.html", context, status=status)


def _to_form(form: Any, errors: portable.ImportErrors) -> None:
    for path, message in errors.errors:
        form.add_error("slug" if path == "slug" else None, message)


def controller_copy(*, request: HttpRequest, source: Organisation, target: Organisation) -> None:
    """Replace the target's controller details with the source's, through the JSON format."""
    with schema_context(source.schema_name):
        controller = Controller.objects.filter(pk=1).first()
        if controller is None:
            raise portable.ImportErrors([("", _("This organisation has no details to copy yet."))])
        data = portable.controller_to_dict(controller)
    with transaction.atomic(), schema_context(target.schema_name):
        portable.controller_from_dict(data)
        audit.record("controller.copied", request=request, organisation=target, source=source.name)


@login_required
@cache_control(private=True, no_store=True)
def copy_controller(request: HttpRequest, source_slug: str) -> HttpResponse:
    source, memberships = _source(request, source_slug)
    choices = [m for m in memberships if m.organisation_id != source.organisation_id]
    form = TargetForm(request.POST or None, memberships=choices)
    if request.method == "POST" and form.is_valid():
        target = form.target_membership().organisation
        try:
            controller_copy(request=request, source=source.organisation, target=target)
        except portable.ImportErrors as errors:
            _to_form(form, errors)
        else:
            return redirect(
                handoff.handoff_url(
                    user=request.user, organisation=target, next_path="/controller/"
                )
            )
    context = {"form": form, "source": source.organisation}
    status = 400 if form.errors else 200
    return render(request, "registers/portfolio/copy_controller.html", context, status=status)
