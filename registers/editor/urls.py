from __future__ import annotations

from django.urls import path

from registers.editor import overview, views
from registers.editor.interview import views as interview

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("controller/", views.controller, name="controller"),
    path("registers/<slug:slug>/", overview.register_overview, name="register_overview"),
    path(
        "registers/<slug:slug>/ask-to-publish/",
        overview.register_ask_publish,
        name="register_ask_publish",
    ),
    path("registers/<slug:slug>/edit/<slug:section>/", views.register_edit, name="register_edit"),
    path("registers/<slug:slug>/history/", views.register_history, name="register_history"),
    path(
        "registers/<slug:slug>/interview/check/",
        interview.interview_check,
        name="interview_check",
    ),
    path(
        "registers/<slug:slug>/interview/finish/",
        interview.interview_finish,
        name="interview_finish",
    ),
    path(
        "registers/<slug:slug>/interview/<slug:question>/",
        interview.interview_question,
        name="interview_question",
    ),
]
