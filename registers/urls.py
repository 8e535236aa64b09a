from __future__ import annotations

from django.urls import path

from registers import views

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("controller/", views.controller, name="controller"),
]
