"""The owner's branding page and the two public files it makes: the logo and the accent sheet.

Branding is part of what is published: a version keeps the logo and colour it was published
with, and a change shows on the notices from their next publication.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tenants import audit
from tenants.access import current_organisation, role_required
from tenants.branding import colours
from tenants.branding.forms import BrandingForm
from tenants.branding.images import CleanLogo
from tenants.branding.models import Branding, Logo
from tenants.models import Organisation, Role

IMMUTABLE = "public, max-age=31536000, immutable"


@role_required(Role.OWNER)
def branding(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    current, _created = Branding.objects.get_or_create(organisation=organisation)
    form = BrandingForm(request.POST or None, request.FILES or None, initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        if _save(request, organisation, form.cleaned_data):
            messages.success(request, _("Branding saved. Publish a notice again to show it there."))
            return redirect("branding")
        form.add_error(
            None,
            _(
                "Another owner changed the branding after you opened this page. "
                "Reload it to see their changes."
            ),
        )
    context = {"form": form, "branding": current}
    return render(request, "tenants/branding.html", context)


def _initial(current: Branding) -> dict[str, object]:
    return {"accent": current.accent, "version": current.version}


def _save(request: HttpRequest, organisation: Organisation, data: dict[str, object]) -> bool:
    """Apply the form in one transaction; False when the page was read before another save."""
    with transaction.atomic():
        current = Branding.objects.select_for_update().get(organisation=organisation)
        if current.version != data["version"]:
            return False
        uploaded = data.get("logo")
        if isinstance(uploaded, CleanLogo):
            current.logo, _new = Logo.objects.get_or_create(
                organisation=organisation,
                digest=uploaded.digest,
                defaults={"png": uploaded.png, "width": uploaded.width, "height": uploaded.height},
            )
        elif data.get("remove_logo"):
            current.logo = None
        current.accent = str(data.get("accent") or "")
        current.version += 1
        current.updated_at, current.updated_by = timezone.now(), request.user  # type: ignore[assignment]
        current.save()
        audit.record(
            "branding.changed",
            request=request,
            accent=current.accent,
            logo=current.logo.digest if current.logo else "",
        )
    return True


@require_safe
def logo(request: HttpRequest, digest: str) -> HttpResponse:
    """A logo by its content hash, from this host's organisation only."""
    found = Logo.objects.filter(organisation=current_organisation(request), digest=digest).first()
    if found is None:
        raise Http404
    response = HttpResponse(bytes(found.png), content_type="image/png")
    response["Cache-Control"] = IMMUTABLE
    response["ETag"] = f'"{digest}"'
    # Embedded notices show it on other sites.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_safe
def accent_sheet(request: HttpRequest, hex6: str) -> HttpResponse:
    """The stylesheet of one accent: the colour is its whole content, so it never changes."""
    current_organisation(request)
    accent = f"#{hex6}"
    if not colours.HEX.match(accent) or colours.weakest_contrast(accent) < colours.MINIMUM:
        raise Http404
    css = render_to_string("notices/accent.css", {"accent": accent})
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = IMMUTABLE
    return response
