"""One's own register templates: a register saved, in the JSON format, to start others from.

A template is kept either in the user's own workspace (every organisation they work in offers it)
or with the organisation it came from (its members are offered it, wherever they work). Saving
one is recorded in the source organisation's audit trail, and so is removing an organisation's.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST
from django_tenants.utils import schema_context

from registers import portable
from registers.models import Register
from registers.portfolio.access import membership_of, my_memberships
from tenants import audit
from tenants.models import Membership, RegisterTemplate, Role, single_line_validator

# Templates one workspace or one organisation keeps; each is at most one register's export.
MAX_TEMPLATES = 50
MINE, ORGANISATION = "mine", "organisation"


class TemplateForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the template"),
        max_length=200,
        validators=[single_line_validator],
    )
    keep = forms.ChoiceField(label=gettext_lazy("Keep it"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(MINE, _("In your own templates, for every organisation you work in"))]
        if membership.has_role(Role.EDITOR):
            choices.append(
                (
                    ORGANISATION,
                    _("With %(organisation)s, for all its members")
                    % {"organisation": membership.organisation.name},
                )
            )
        keep = cast(forms.ChoiceField, self.fields["keep"])
        keep.choices = choices
        keep.initial = MINE


@login_required
@cache_control(private=True, no_store=True)
def save_template(request: HttpRequest, source_slug: str, register: str) -> HttpResponse:
    membership = membership_of(request.user, source_slug)
    with schema_context(membership.organisation.schema_name):
        original = get_object_or_404(Register, slug=register)
        title, data = original.title(), portable.register_to_dict(original)
    form = TemplateForm(request.POST or None, membership=membership, initial={"name": title})
    if request.method == "POST" and form.is_valid():
        user = request.user if request.user.is_authenticated else None
        owner = {"owner": user} if form.cleaned_data["keep"] == MINE else {}
        kept = owner or {"organisation": membership.organisation}
        if RegisterTemplate.objects.filter(**kept).count() >= MAX_TEMPLATES:
            message = _("%(count)d templates are kept there, the most. Remove one first.")
            form.add_error("keep", message % {"count": MAX_TEMPLATES})
        else:
            template = RegisterTemplate.objects.create(
                name=form.cleaned_data["name"], data=data, created_by=user, **kept
            )
            audit.record(
                "register.template_saved",
                request=request,
                organisation=membership.organisation,
                register=register,
                template=template.name,
            )
            messages.success(request, _("The template was saved."))
            return redirect("organisation_list")
    context = {"form": form, "source": membership.organisation, "title": title}
    status = 400 if form.errors else 200
    return render(request, "registers/portfolio/save_template.html", context, status=status)


def removable(user: Any) -> list[RegisterTemplate]:
    """The templates the user may remove: their own, and their organisations' where they edit."""
    editing = [m.organisation_id for m in my_memberships(user) if m.has_role(Role.EDITOR)]
    templates = RegisterTemplate.objects.available_to(user).select_related("organisation")
    return [t for t in templates if t.owner_id == user.pk or t.organisation_id in editing]


@login_required
@require_POST
def delete_template(request: HttpRequest, template: int) -> HttpResponse:
    found = next((t for t in removable(request.user) if t.pk == template), None)
    if found is None:
        raise Http404
    found.delete()
    if found.organisation is not None:
        audit.record(
            "register.template_removed",
            request=request,
            organisation=found.organisation,
            template=found.name,
        )
    messages.success(request, _("The template was removed."))
    return redirect("organisation_list")
