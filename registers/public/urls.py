"""Public URLs of published notices on an organisation's host (no login)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, register_converter

from registers.public import machine, short, views


class LanguageConverter:
    """Two lower-case letters; whether the notice is published in that language is the view's."""

    regex = "[a-z]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class VersionConverter:
    """A published version number: 1, 2, ... (no v0, no leading zeros, within an int)."""

    regex = "[1-9][0-9]{0,8}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(LanguageConverter, "lang")
register_converter(VersionConverter, "version")

urlpatterns: list[URLPattern | URLResolver] = [
    path("notices/<slug:slug>/archive/", views.notice_archive, name="notice_archive"),
    path(
        "notices/<slug:slug>/compare/<int:a>/<int:b>/<lang:lang>/",
        views.notice_compare,
        name="notice_compare",
    ),
    path("notices/<slug:slug>/<lang:lang>/", views.notice_page, name="notice_page"),
    path(
        "notices/<slug:slug>/<lang:lang>/v<version:number>/",
        views.notice_page,
        name="notice_version",
    ),
    path("notices/<slug:slug>/<lang:lang>.pdf", views.notice_pdf, name="notice_pdf"),
    path(
        "notices/<slug:slug>/<lang:lang>/v<version:number>.pdf",
        views.notice_pdf,
        name="notice_version_pdf",
    ),
    path("notices/<slug:slug>/<lang:lang>.json", views.notice_json, name="notice_json"),
    path(
        "notices/<slug:slug>/<lang:lang>/v<version:number>.json",
        views.notice_json,
        name="notice_version_json",
    ),
    path(
        "notices/<slug:slug>/<lang:lang>.jsonld", machine.notice_jsonld_view, name="notice_jsonld"
    ),
    path(
        "notices/<slug:slug>/<lang:lang>/v<int:number>.jsonld",
        machine.notice_jsonld_view,
        name="notice_version_jsonld",
    ),
    path("notices/<slug:slug>/<lang:lang>/at/<str:day>/", machine.notice_at, name="notice_at"),
    path("notices/<slug:slug>/<lang:lang>/feed.atom", machine.version_feed, name="notice_feed"),
    path("embed/<slug:slug>/<lang:lang>.js", views.embed_script, name="embed_script"),
    path(
        "embed/<slug:slug>/<lang:lang>/v<version:number>.js",
        views.embed_script,
        name="embed_version_script",
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/fragment.html",
        views.embed_fragment,
        name="embed_fragment",
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/v<version:number>/fragment.html",
        views.embed_fragment,
        name="embed_version_fragment",
    ),
    path("embed/<slug:slug>/<lang:lang>/frame/", views.embed_frame, name="embed_frame"),
    # The summary layer alone: the same script, which fetches the fragment beside its address.
    path(
        "embed/<slug:slug>/<lang:lang>/summary.js",
        views.embed_script,
        name="embed_summary_script",
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/summary/fragment.html",
        views.embed_summary,
        name="embed_summary_fragment",
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/summary/frame/",
        views.embed_summary_frame,
        name="embed_summary_frame",
    ),
    # Just-in-time notices, one per purpose (registers/public/short.py)
    path(
        "embed/<slug:slug>/<lang:lang>/short/<slug:key>.js", short.short_script, name="short_script"
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/v<version:number>/short/<slug:key>.js",
        short.short_script,
        name="short_version_script",
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/short/<slug:key>/fragment.html",
        short.short_fragment,
        name="short_fragment",
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/v<version:number>/short/<slug:key>/fragment.html",
        short.short_fragment,
        name="short_version_fragment",
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/short/<slug:key>/frame/",
        short.short_frame,
        name="short_frame",
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/v<version:number>/short/<slug:key>/frame/",
        short.short_frame,
        name="short_version_frame",
    ),
    path(
        "embed/<slug:slug>/<lang:lang>/v<version:number>/frame/",
        views.embed_frame,
        name="embed_version_frame",
    ),
]
