"""Optional two-factor log-in with an authenticator app (TOTP), and recovery codes.

A user who has confirmed an authenticator is not fully signed in until they have typed a code in
this session: ``OTPRequiredMiddleware`` sends every other request to the code page. Recovery codes
are django-otp static tokens, each usable once. django-otp throttles wrong codes per device.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants import audit

RECOVERY_CODES = 10
DEVICE_NAME = "authenticator"
# Paths a signed-in but not yet verified user may still reach.
UNVERIFIED_ALLOWED = ("otp_verify", "logout", "set_language")


def is_verified(request: HttpRequest) -> bool:
    """Whether this session has passed a code (django-otp's middleware adds the method)."""
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


def qr_svg(url: str) -> str:
    """The provisioning URL as an inline SVG (no inline script or style, so CSP allows it)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg: str = image.to_string(encoding="unicode")
    return svg


def _pending_device(user: object) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _new_recovery_codes(user: object) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        context: dict[str, Any] = {"form": DisableForm(user=request.user)}
        return render(request, "tenants/accounts/otp_enabled.html", context)
    device = _pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(request.user)
            otp_login(request, device)
            audit.record("otp_enabled", request=request)
            return render(request, "tenants/accounts/otp_codes.html", {"codes": codes})
        form.add_error("code", _("That code is not right. Check the time on your phone."))
    context = {"form": form, "qr": mark_safe(qr_svg(device.config_url)), "key": device.key}
    return render(request, "tenants/accounts/otp_setup.html", context)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("organisation_list")


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    if not user_has_device(request.user) or is_verified(request):
        return redirect(_safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            audit.record("otp_verified", request=request, kind=type(device).__name__)
            return redirect(_safe_next(request))
        audit.record("otp_failed", request=request)
        form.add_error("code", _("That code is not right."))
    context = {"form": form, "next": _safe_next(request)}
    return render(request, "tenants/accounts/otp_verify.html", context)


class DisableForm(forms.Form):
    """Turning two-step log-in off asks again for what a thief with the session lacks."""

    password = forms.CharField(
        label=_("Your password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = CodeForm.base_fields["code"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["code"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = "".join(str(data.get("code") or "").split())
        if data.get("password") and self.user.check_password(data["password"]):
            return data
        if code and match_token(self.user, code) is not None:
            return data
        raise forms.ValidationError(_("Enter your password or a current code to turn it off."))


@login_required
@require_POST
def otp_disable(request: HttpRequest) -> HttpResponse:
    form = DisableForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "tenants/accounts/otp_enabled.html", {"form": form}, status=400)
    for device in devices_for_user(request.user, confirmed=None):
        device.delete()
    audit.record("otp_disabled", request=request)
    messages.success(request, _("Two-step log-in is off."))
    return redirect("otp_setup")


class OTPRequiredMiddleware:
    """Until a user with an authenticator has typed a code, every page asks for the code.

    Goes after django_otp.middleware.OTPMiddleware, which sets ``request.user.is_verified``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: object, args: object, kwargs: object
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or is_verified(request):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in UNVERIFIED_ALLOWED:
            return None
        if not user_has_device(user):
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('otp_verify')}?{query}")


urlpatterns = [
    path("setup/", otp_setup, name="otp_setup"),
    path("verify/", otp_verify, name="otp_verify"),
    path("disable/", otp_disable, name="otp_disable"),
]
