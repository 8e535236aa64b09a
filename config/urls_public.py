"""URLs of the public site (the base domain): landing, sign-up, log-in, the operators' admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from tenants import members, views
from tenants.urls import common

urlpatterns = [
    path("", views.landing, name="home"),
    path("signup/", views.signup, name="signup"),
    path("invitations/<str:token>/", members.invitation_accept, name="invitation_accept"),
    path("admin/", admin.site.urls),
    *common,
    path("", include("registers.portfolio.urls")),
    # Answered by ops.middleware before the host is looked up; here so that they resolve.
    path("", include("ops.urls")),
]

handler403 = "tenants.errors.forbidden"
handler404 = "tenants.errors.not_found"
