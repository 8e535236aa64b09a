"""Account URLs served on every host: the public site and each organisation's."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from tenants import views

accounts = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]

common = [
    path("accounts/", include(accounts)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/go/<slug:slug>/", views.switch, name="organisation_switch"),
]
