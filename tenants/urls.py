"""URLs served on every host, the public site and each organisation's: accounts, organisations."""

from __future__ import annotations

from django.urls import include, path

from tenants import invite_many, views

common = [
    path("accounts/", include("tenants.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Also on organisation hosts, where the user is already logged in.
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/go/<slug:slug>/", views.switch, name="organisation_switch"),
    path("organisations/invite/", invite_many.invite_many, name="invite_many"),
]

# Two-step log-in with an authenticator app (tenants/accounts/otp.py), once its apps are on.
from django.conf import settings  # noqa: E402  (appended with the feature it switches)

if "django_otp" in settings.INSTALLED_APPS:
    common += [path("accounts/otp/", include("tenants.accounts.otp"))]
