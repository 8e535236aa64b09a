"""Account URLs served on every host: the public site and each organisation's."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from tenants import views
from tenants.mail import QueuedPasswordResetForm

accounts = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path(
        "reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

common = [
    path("accounts/", include(accounts)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("organisations/", views.organisation_list, name="organisation_list"),
    # Also on organisation hosts, where the user is already logged in.
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/go/<slug:slug>/", views.switch, name="organisation_switch"),
]

# Two-step log-in with an authenticator app (tenants/otp.py), on every host, once its apps are on.
from django.conf import settings  # noqa: E402  (appended with the feature it switches)

if "django_otp" in settings.INSTALLED_APPS:
    common += [path("accounts/otp/", include("tenants.otp"))]
