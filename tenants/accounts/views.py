"""Log-in, password changes and the hand-off that signs a user in on an organisation's host."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tenants import audit, limits
from tenants.access import current_organisation
from tenants.accounts import handoff
from tenants.forms import (
    LoginForm,
)
from tenants.models import (
    Membership,
    Organisation,
)

User = get_user_model()
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _on_organisation_host(request: HttpRequest) -> bool:
    tenant = getattr(request, "tenant", None)
    return isinstance(tenant, Organisation) and tenant.schema_name != "public"


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        # An organisation's host starts at its registers; the public site lists the organisations.
        return "/" if _on_organisation_host(self.request) else reverse("organisation_list")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # django-axes locks an address and user name together; trying many user names from one
        # address is stopped here.
        if limits.address_locked_out(request):
            return render(request, "registration/locked_out.html", status=429)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        # Django keeps this session and, through the session hash, ends the user's other ones.
        response = super().form_valid(form)
        audit.record("password_changed", request=self.request)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit.record("password_reset", request=self.request, user=form.user)
        return response


def handoff_receive(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    redeemed = handoff.redeem(request.GET.get("t", ""), organisation=organisation)
    if redeemed is None:
        messages.error(request, _("That sign-in link is not valid any more. Please log in."))
        return redirect("login")
    user_id, next_path = redeemed
    user = get_object_or_404(User, pk=user_id, is_active=True)
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise PermissionDenied
    if request.user != user:
        login(request, user, backend=BACKEND)
    return HttpResponseRedirect(next_path)
