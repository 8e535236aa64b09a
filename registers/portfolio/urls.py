"""The portfolio's URLs, on the public site and every organisation's host alike."""

from __future__ import annotations

from django.urls import path

from registers.portfolio import copying, register_templates, views

urlpatterns = [
    path("organisations/", views.dashboard, name="organisation_list"),
    path(
        "organisations/<slug:source_slug>/registers/<slug:register>/copy/",
        copying.copy_register,
        name="portfolio_copy_register",
    ),
    path(
        "organisations/<slug:source_slug>/registers/<slug:register>/template/",
        register_templates.save_template,
        name="portfolio_save_template",
    ),
    path(
        "organisations/templates/<int:template>/delete/",
        register_templates.delete_template,
        name="portfolio_delete_template",
    ),
    path(
        "organisations/<slug:source_slug>/details/copy/",
        copying.copy_controller,
        name="portfolio_copy_controller",
    ),
]
