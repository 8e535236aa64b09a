"""The editor's side of publishing: publish, a live preview, and the outputs page with snippets."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.tasks import TaskResult, TaskResultStatus
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers import portable
from registers.compliance import blocking, check
from registers.models import Controller, Register
from registers.publishing.changes import language_changes
from registers.publishing.short import short_snippets
from registers.publishing.versions import draft_document, latest_version, publish_in_background
from registers.render.embed import sri
from registers.render.html import render_fragment
from tenants import audit
from tenants.access import current_organisation, role_required
from tenants.models import Role


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("What changed"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Shown to readers in the list of published versions."),
    )


@role_required(Role.OWNER)
def register_publish_view(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    controller = Controller.load()
    findings = check(register, controller)
    errors = blocking(findings)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not errors:
        result = publish_in_background.enqueue(
            register.slug, request.user.pk, form.cleaned_data["summary"]
        )
        _tell_publication(request, result)
        return redirect("register_outputs", slug=register.slug)
    fixes = [{"finding": finding, "url": finding.url(register)} for finding in errors]
    latest = latest_version(register)
    context = {
        "register": register,
        "form": form,
        "errors": fixes,
        "latest": latest,
        "languages": language_changes(register, controller, latest, findings),
    }
    return render(
        request,
        "registers/publishing/publish.html",
        context,
        status=409 if errors and request.method == "POST" else 200,
    )


def _tell_publication(request: HttpRequest, result: TaskResult[Any, Any]) -> None:
    """Say how the publication went: at once in-process, or later when a queue worker runs it."""
    if result.status == TaskResultStatus.FAILED:
        messages.error(request, _("Publishing failed. Check the list below and try again."))
    elif result.status != TaskResultStatus.SUCCESSFUL:
        messages.info(request, _("Publishing. The new version appears here in a moment."))
    elif result.return_value is None:
        messages.info(request, _("Nothing has changed since the latest published version."))
    else:
        text = _("Version %(number)s is published.") % {"number": result.return_value}
        messages.success(request, text)


@role_required(Role.VIEWER)
def register_preview(request: HttpRequest, slug: str, lang: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    if lang not in register.languages:
        lang = register.languages[0] if register.languages else "fi"
    document = draft_document(register, lang)
    context = {"register": register, "document": document, "fragment": render_fragment(document)}
    return render(request, "registers/publishing/preview.html", context)


@role_required(Role.VIEWER)
def register_outputs(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    version = latest_version(register)
    context: dict[str, Any] = {"register": register, "version": version, "outputs": []}
    if version is not None:
        context["outputs"] = [
            {
                **embed_snippets(
                    request, version.number, lang, version.script, register.title(lang)
                ),
                "short": short_snippets(request, version, lang),
            }
            for lang in version.languages
        ]
        context["fragment_sri"] = {
            o.language: sri(o.fragment) for o in version.outputs.only("language", "fragment")
        }
    return render(request, "registers/publishing/outputs.html", context)


def embed_snippets(
    request: HttpRequest, number: int, lang: str, script: str, title: str = ""
) -> dict[str, str]:
    """The URLs and snippets of one language: latest and pinned to this version."""
    slug = request.resolver_match.kwargs["slug"] if request.resolver_match else ""

    def absolute(name: str, **kwargs: object) -> str:
        return request.build_absolute_uri(
            reverse(name, kwargs={"slug": slug, "lang": lang, **kwargs})
        )

    script_url = absolute("embed_script")
    pinned_url = absolute("embed_version_script", number=number)
    integrity = sri(script)
    return {
        "language": lang,
        "page": absolute("notice_page"),
        "pdf": absolute("notice_pdf"),
        "fragment": absolute("embed_fragment"),
        "frame": absolute("embed_frame"),
        "pinned_fragment": absolute("embed_version_fragment", number=number),
        "jsonld": absolute("notice_jsonld"),
        "feed": absolute("notice_feed"),
        "script_snippet": f'<script src="{script_url}" async></script>',
        "summary_snippet": f'<script src="{absolute("embed_summary_script")}" async></script>',
        "summary_fragment": absolute("embed_summary_fragment"),
        "pinned_snippet": (
            f'<script src="{pinned_url}" integrity="{integrity}" crossorigin="anonymous" async>'
            "</script>"
        ),
        "frame_snippet": (
            f'<iframe src="{absolute("embed_frame")}" title="{escape(frame_title(title, lang))}" '
            f'lang="{lang}" width="100%" height="800"></iframe>'
        ),
        "sri": integrity,
    }


def frame_title(title: str, lang: str) -> str:
    """The frame's name for screen readers, in the notice's language: what the frame holds."""
    with translation.override(lang):
        return _("Privacy notice: %(name)s") % {"name": title}


# The JSON format in the interface: download a register or the whole organisation, import either.


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("JSON file"),
        help_text=gettext_lazy("A register or an organisation exported from Seloste."),
    )
    slug = forms.SlugField(
        label=gettext_lazy("Address of the imported register"),
        required=False,
        help_text=gettext_lazy("Leave empty to keep the address in the file."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            data = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            # ValueError also covers a number too long to read; RecursionError, deep nesting.
            raise forms.ValidationError(_("The file is not JSON.")) from None
        if not isinstance(data, dict):
            raise forms.ValidationError(_("The file is not a Seloste export."))
        return data


MAX_IMPORT_BYTES = 5 * 1024 * 1024


def json_download(data: dict[str, Any], filename: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(Role.VIEWER)
def register_export(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    audit.record("register.exported", request=request, register=register.slug)
    return json_download(portable.register_to_dict(register), f"{register.slug}.json")


@role_required(Role.OWNER)
def organisation_export(request: HttpRequest) -> HttpResponse:
    audit.record("organisation.exported", request=request)
    slug = current_organisation(request).slug
    return json_download(portable.organisation_to_dict(), f"{slug}-seloste.json")


@role_required(Role.EDITOR)
def data_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"]
        try:
            done = import_data(request, data, form.cleaned_data["slug"] or None)
        except portable.ImportErrors as errors:
            problems = errors.errors
        else:
            if done is not None:
                messages.success(request, _("The file was imported."))
                return done
    status = 400 if problems or form.errors else 200
    context = {"form": form, "problems": problems}
    return render(request, "registers/publishing/import.html", context, status=status)


def import_data(
    request: HttpRequest, data: dict[str, Any], slug: str | None
) -> HttpResponse | None:
    if data.get("format") == portable.ORGANISATION_FORMAT:
        if not request.membership.has_role(Role.OWNER):  # type: ignore[attr-defined]
            raise PermissionDenied(Role.OWNER.value)
        portable.organisation_from_dict(data)
        audit.record("organisation.imported", request=request)
        return redirect("register_list")
    register = portable.register_from_dict(data, slug=slug)
    audit.record("register.imported", request=request, register=register.slug)
    return redirect("register_outputs", slug=register.slug)
