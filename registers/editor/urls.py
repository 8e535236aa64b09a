from __future__ import annotations

from django.urls import path

from registers.editor import views

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("controller/", views.controller, name="controller"),
    path("registers/<slug:slug>/edit/<slug:section>/", views.register_edit, name="register_edit"),
    path("registers/<slug:slug>/history/", views.register_history, name="register_history"),
]
