"""Branding: the owner's page on the organisation's host, and the public files it makes."""

from __future__ import annotations

from django.urls import path

from tenants.branding import views

# Served with the notices, on the organisation's host and on its own host name.
public = [
    path("branding/logo/<str:digest>.png", views.logo, name="branding_logo"),
    path("branding/accent/<str:hex6>.css", views.accent_sheet, name="branding_accent"),
]

urlpatterns = [
    path("organisation/branding/", views.branding, name="branding"),
    *public,
]
