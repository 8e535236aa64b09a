"""The owner's page for the organisation's own host name, and what the host itself answers."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from tenants import audit
from tenants.access import current_organisation, role_required
from tenants.hosts.check import NotVerified, check_token, verification_url
from tenants.hosts.forms import CustomHostForm
from tenants.hosts.middleware import verified_hosts
from tenants.hosts.models import CustomHost
from tenants.hosts.names import normalised
from tenants.models import Domain, Organisation, Role

NOT_VERIFIED = {
    "unresolved": gettext_lazy("The host name does not resolve to an address."),
    "not_public": gettext_lazy("The host name resolves to an address that is not public."),
    "unreachable": gettext_lazy("Nothing answered at that address."),
    "status": gettext_lazy("The file's address answered with an error (HTTP %(detail)s)."),
    "wrong_token": gettext_lazy("The file does not hold the verification code shown below."),
}


@role_required(Role.OWNER)
def custom_host(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    current = CustomHost.objects.filter(organisation=organisation).first()
    form = CustomHostForm(request.POST or None) if current is None else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                created = CustomHost.objects.create(
                    organisation=organisation,
                    host=form.cleaned_data["host"],
                    created_by=request.user,  # type: ignore[misc]
                )
        except IntegrityError:
            form.add_error("host", _("This host name is already in use."))
        else:
            audit.record("custom_host.added", request=request, host=created.host)
            return redirect("custom_host")
    context = {
        "form": form,
        "custom_host": current,
        "file_url": verification_url(current.host) if current else "",
    }
    return render(request, "tenants/custom_host.html", context)


@require_POST
@role_required(Role.OWNER)
def custom_host_verify(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    current = CustomHost.objects.filter(organisation=organisation, verified_at=None).first()
    if current is None:
        return redirect("custom_host")
    try:
        check_token(current.host, current.token)
    except NotVerified as refusal:
        reason = str(NOT_VERIFIED[refusal.code]) % {"detail": refusal.detail}
        messages.error(request, _("Not verified yet: %(reason)s") % {"reason": reason})
        return redirect("custom_host")
    _verified(request, organisation, current)
    messages.success(
        request,
        _("Verified: your notices are now also served at %(host)s.") % {"host": current.host},
    )
    return redirect("custom_host")


def _verified(request: HttpRequest, organisation: Organisation, current: CustomHost) -> None:
    with transaction.atomic():
        current.verified_at = timezone.now()
        current.save(update_fields=["verified_at"])
        # A domain of the organisation's: the tenant middleware finds it like its own address.
        Domain.objects.create(domain=current.host, tenant=organisation, is_primary=False)
        audit.record("custom_host.verified", request=request, host=current.host)


@require_POST
@role_required(Role.OWNER)
def custom_host_remove(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    current = CustomHost.objects.filter(organisation=organisation).first()
    if current is not None:
        with transaction.atomic():
            Domain.objects.filter(domain=current.host, tenant=organisation).delete()
            current.delete()
            audit.record("custom_host.removed", request=request, host=current.host)
        messages.success(request, _("The host name %(host)s was removed.") % {"host": current.host})
    return redirect("custom_host")


@require_safe
def tls_allowed(request: HttpRequest) -> HttpResponse:
    """For the operator's TLS proxy: 200 when ``domain`` is a verified custom host, else 404.

    It answers only that yes or no, for one name at a time, and names no organisation.
    """
    from tenants.middleware import _generation

    host = normalised(request.GET.get("domain", ""))
    if host and host in verified_hosts(_generation()):
        return HttpResponse("yes", content_type="text/plain")
    # Returned, not raised: the operators' middleware answers before the error handlers run.
    return HttpResponseNotFound("no", content_type="text/plain")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A custom host's 404: no site around it, as the host serves notices and nothing else."""
    return HttpResponseNotFound(render_to_string("tenants/custom_host_404.html"))
