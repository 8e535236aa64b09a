"""The editor's publishing URLs (members only)."""

from __future__ import annotations

from django.urls import path

from registers.publishing import views
from registers.publishing.review import views as review

urlpatterns = [
    path("registers/import/", views.data_import, name="data_import"),
    path("registers/<slug:slug>/export.json", views.register_export, name="register_export"),
    path("organisation/export.json", views.organisation_export, name="organisation_export"),
    path("registers/<slug:slug>/publish/", views.register_publish_view, name="register_publish"),
    path("registers/<slug:slug>/outputs/", views.register_outputs, name="register_outputs"),
    path(
        "registers/<slug:slug>/preview/<lang:lang>/",
        views.register_preview,
        name="register_preview",
    ),
    path("organisation/review/", review.review_setting, name="review_setting"),
    path("registers/<slug:slug>/review/", review.review_submit, name="review_submit"),
    path(
        "registers/<slug:slug>/review/<int:review>/",
        review.review_detail,
        name="review_detail",
    ),
]
