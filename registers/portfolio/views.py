"""The portfolio dashboard: each of the user's organisations and where its registers stand."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel.dates import format_date
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, to_locale
from django.views.decorators.cache import cache_control

from registers.portfolio.access import my_memberships
from registers.portfolio.forms import DashboardFilterForm
from registers.portfolio.register_templates import removable
from registers.portfolio.status import OrganisationState, RegisterState, organisation_state
from tenants.models import Membership, RegisterTemplate, Role

# Organisations per page: each costs one query, so a page stays fast however many there are.
PAGE_SIZE = 30
DATE_LOCALES = {"en": "en_GB", "fi": "fi_FI", "sv": "sv_FI"}


@login_required
@cache_control(private=True, no_store=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET or None)
    query, state, role = "", "", ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip().lower()
        state, role = form.cleaned_data["state"], form.cleaned_data["role"]
    everything = my_memberships(request.user)
    memberships = [m for m in everything if not role or m.role == role]
    language = get_language() or "en"
    if not query and not state:
        # Without a register filter, a page reads only its own organisations' schemas.
        page: Page[Any] = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
        cards = [_card(organisation_state(m, language)) for m in page]
    else:
        found = _all(memberships, query, state, language)
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        cards = [_card(organisation) for organisation in page]
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "cards": cards,
        "page": page,
        "query": params.urlencode(),
        "filtered": bool(query or state or role),
        "can_invite": any(m.role == Role.OWNER for m in everything),
        "templates": _templates(request.user),
    }
    return render(request, "registers/portfolio/dashboard.html", context)


def _templates(user: Any) -> list[dict[str, Any]]:
    mine = {t.pk for t in removable(user)}
    templates = RegisterTemplate.objects.available_to(user).select_related("organisation")
    return [{"template": t, "removable": t.pk in mine} for t in templates]


def _all(
    memberships: list[Membership], query: str, state: str, language: str
) -> list[OrganisationState]:
    found = []
    for membership in memberships:
        organisation = organisation_state(membership, language)
        name_matches = query in membership.organisation.name.lower()
        organisation.registers = [
            r
            for r in organisation.registers
            if (not state or r.state() == state)
            and (name_matches or query in r.title.lower() or query in r.slug)
        ]
        if organisation.registers or (name_matches and not state):
            found.append(organisation)
    return found


def _card(organisation: OrganisationState) -> dict[str, Any]:
    slug = organisation.membership.organisation.slug
    return {
        "membership": organisation.membership,
        "registers": [_row(slug, r) for r in organisation.registers],
    }


def _row(organisation_slug: str, register: RegisterState) -> dict[str, Any]:
    overview = f"/registers/{register.slug}/"
    switch = reverse("organisation_switch", args=[organisation_slug])
    return {
        "register": register,
        "open_url": f"{switch}?{urlencode({'next': overview})}",
        "published_on": _date(register.published_at),
        "copy_url": reverse("portfolio_copy_register", args=[organisation_slug, register.slug]),
        "template_url": reverse("portfolio_save_template", args=[organisation_slug, register.slug]),
    }


def _date(value: datetime | None) -> str:
    if value is None:
        return ""
    language = get_language() or "en"
    day = timezone.localdate(value)
    return format_date(day, "long", locale=DATE_LOCALES.get(language, to_locale(language)))
