"""The record of processing's URLs (owners only)."""

from __future__ import annotations

from django.urls import path

from registers.record import views

urlpatterns = [
    path("record/", views.record_overview, name="record_overview"),
    path("record/processor/", views.record_processor, name="record_processor"),
    path("record/export.<str:fmt>", views.record_export, name="record_export"),
    path("record/snapshots/<int:pk>.<str:fmt>", views.record_snapshot, name="record_snapshot"),
    path("record/<slug:slug>/", views.record_edit, name="record_edit"),
]
