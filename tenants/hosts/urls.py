from __future__ import annotations

from django.urls import path

from tenants.hosts import views

urlpatterns = [
    path("organisation/host/", views.custom_host, name="custom_host"),
    path("organisation/host/verify/", views.custom_host_verify, name="custom_host_verify"),
    path("organisation/host/remove/", views.custom_host_remove, name="custom_host_remove"),
]
