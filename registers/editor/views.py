"""The organisation's pages: its registers, the register editor and the controller details.

Every save is guarded by the version the page was read at: the row is locked, the version
compared, and only then is anything written, all in one transaction. A stale page is refused with
the user's input shown again, so two people never silently overwrite each other.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registers import review
from registers.compliance import blocking, check, completeness
from registers.editor import reviews
from registers.editor.controller_form import ControllerForm
from registers.editor.errors import form_problems, page_problems
from registers.editor.forms import COUNTRY_FIELDS, TEMPLATE_PREFIX, RegisterCreateForm
from registers.editor.interview.questions import FIRST
from registers.editor.preview import live_preview
from registers.editor.rows import FORMSETS, ROW_TITLES
from registers.editor.saving import save_if_current
from registers.editor.sections import SECTIONS, SectionPage, with_added_row
from registers.models import (
    CategoryRow,
    Controller,
    Cookie,
    JointController,
    Purpose,
    Recipient,
    Register,
    Retention,
    Source,
    Transfer,
)
from registers.publishing.status import register_status
from registers.review import Key
from registers.sectors import create_from_data, create_from_sector
from registers.vocabulary import country_name
from tenants import audit
from tenants.access import current_organisation, role_required
from tenants.models import RegisterTemplate, Role

CONFLICT = _(
    "Someone else saved this register after you opened it; your input is below, reload to see "
    "theirs."
)
CONTROLLER_CONFLICT = _(
    "Someone else saved these details after you opened them; your input is below, reload to see "
    "theirs."
)
# Every list a section page or the checker reads, fetched once whatever the number of rows.
PREFETCH = (*FORMSETS, "transfers__recipient", "retention__categories", "translation_reviews")
# A save reads only what its forms need; the page shown after a refused save reads the rest.
SAVE_PREFETCH = (*FORMSETS, "transfers__recipient")


def _can_edit(request: HttpRequest) -> bool:
    if request.membership.has_role(Role.EDITOR):  # type: ignore[attr-defined]
        return True
    if request.method == "POST":
        raise PermissionDenied(Role.EDITOR.value)
    return False


@role_required(Role.VIEWER)
def register_list(request: HttpRequest) -> HttpResponse:
    can_edit = _can_edit(request)
    form = RegisterCreateForm(request.POST or None, user=request.user) if can_edit else None
    if form is not None and form.is_valid():
        register = _create_register(form.cleaned_data, request.user)
        messages.success(request, _("Register created."))
        # A new register starts in the interview, from the template's answers if one was chosen.
        return redirect("interview_question", slug=register.slug, question=FIRST)
    context = {
        "registers": _with_status(Register.objects.all()),
        "form": form,
        "problems": form_problems(form) if form is not None and form.is_bound else [],
    }
    return render(request, "registers/editor/register_list.html", context)


def _with_status(registers: QuerySet[Register]) -> list[Register]:
    """Each register with where it stands, as its overview shows it."""
    controller = Controller.load()
    listed = list(registers)
    for register in listed:
        register.status = register_status(register, controller)  # type: ignore[attr-defined]
        errors = blocking(check(register, controller))
        register.error_count = len(errors)  # type: ignore[attr-defined]
    return listed


def _create_register(data: dict[str, Any], user: Any) -> Register:
    fields = {"name": data["name"], "slug": data["slug"], "languages": data["languages"]}
    if not data["start"]:
        return Register.objects.create(**fields, interview_step=FIRST)
    if data["start"].startswith(TEMPLATE_PREFIX):
        # The form offered only the templates this user may use; read again under that rule.
        pk = int(data["start"].removeprefix(TEMPLATE_PREFIX))
        template = RegisterTemplate.objects.available_to(user).get(pk=pk)
        with transaction.atomic():
            register = create_from_data(dict(template.data), **fields)
            Register.objects.filter(pk=register.pk).update(interview_step=FIRST)
        return register
    with transaction.atomic():
        register = create_from_sector(data["start"], **fields)
        Register.objects.filter(pk=register.pk).update(interview_step=FIRST)
    return register


@role_required(Role.VIEWER)
def register_edit(request: HttpRequest, slug: str, section: str) -> HttpResponse:
    if section not in SECTIONS:
        raise Http404
    can_edit = _can_edit(request)
    prefetch = SAVE_PREFETCH if request.method == "POST" else PREFETCH
    register = get_object_or_404(Register.objects.prefetch_related(*prefetch), slug=slug)
    page = SectionPage(SECTIONS[section], register, request.POST or None, read_only=not can_edit)
    status, conflict = 200, False
    if request.method == "POST" and request.POST.get("add_row") in page.section.rows:
        formset = next(f for f in page.formsets if f.prefix == request.POST["add_row"])
        data = with_added_row(request.POST, formset)
        page = SectionPage(SECTIONS[section], register, data)
    elif request.method == "POST" and page.is_valid():
        confirm = reviews.parse_confirm(request.POST.get(reviews.CONFIRM, ""))
        done = _save_section(request, page, confirm)
        if done is not None:
            messages.success(request, done)
            return redirect(_with_preview(request, register, section))
        status, conflict = 409, True
    reviews.show_marks(page, can_edit=can_edit)
    context = _section_context(page, can_edit, conflict)
    context["preview"] = live_preview(register, request.GET.get("preview", ""))
    return render(request, "registers/editor/section.html", context, status=status)


def _with_preview(request: HttpRequest, register: Register, section: str) -> str:
    """Back to the page after a save, with the preview still open if it was."""
    url = reverse("register_edit", kwargs={"slug": register.slug, "section": section})
    lang = request.GET.get("preview", "")
    return f"{url}?preview={lang}" if lang in register.languages else url


def _save_section(
    request: HttpRequest, page: SectionPage, confirm: tuple[Key, str] | None
) -> str | None:
    """Save the page and confirm the translation whose button was pressed, if any.

    Returns what to tell the user, or None when someone else saved first (nothing is written).
    """
    register, slug = page.register, page.register.slug
    with transaction.atomic():
        locked = Register.objects.select_for_update().only("version").get(pk=register.pk)
        if locked.version != page.posted_version():
            return None
        marked = page.save()
        detail: dict[str, Any] = {"to_review": marked} if marked else {}
        section = page.section.slug
        audit.record("register.saved", request=request, register=slug, section=section, **detail)
        if confirm is not None and review.confirm(register, *confirm):
            field = reviews.confirmed_path(page, confirm[0])
            audit.record(
                "register.translation_confirmed",
                request=request,
                register=slug,
                field=field,
                language=confirm[1],
            )
            return str(_("Saved. The translation is confirmed."))
    return str(_("Saved."))


def _section_context(page: SectionPage, can_edit: bool, conflict: bool) -> dict[str, Any]:
    controller = Controller.load()
    findings = check(page.register, controller)
    formsets = [(formset, ROW_TITLES[formset.prefix]) for formset in page.formsets]
    return {
        "register": page.register,
        "page": page,
        "section": page.section,
        "sections": SECTIONS.values(),
        "formsets": formsets,
        "problems": page_problems(page.form, formsets) if page.form.is_bound else [],
        "can_edit": can_edit,
        "conflict": conflict and CONFLICT,
        "findings": findings,
        "completeness": completeness(findings),
    }


@role_required(Role.VIEWER)
def controller(request: HttpRequest) -> HttpResponse:
    can_edit = _can_edit(request)
    current = Controller.load()
    initial: dict[str, Any] = {"version": current.version}
    if not current.legal_name:
        # Suggested from the sign-up; it becomes the controller's name only when saved.
        initial["legal_name"] = current_organisation(request).name
    form = ControllerForm(
        request.POST or None, instance=current, read_only=not can_edit, initial=initial
    )
    status, conflict = 200, False
    if request.method == "POST" and form.is_valid():
        if save_if_current(form):
            audit.record("controller.saved", request=request)
            messages.success(request, _("Saved."))
            return redirect("controller")
        status, conflict = 409, True
    context = {
        "form": form,
        "can_edit": can_edit,
        "conflict": conflict and CONTROLLER_CONFLICT,
        "problems": form_problems(form) if form.is_bound else [],
    }
    return render(request, "registers/editor/controller.html", context, status=status)


@role_required(Role.OWNER)
def register_history(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    context = {"register": register, "entries": history_entries(register)}
    return render(request, "registers/editor/history.html", context)


# What the history shows of each change; bookkeeping fields say nothing to a reader.
HISTORY_MODELS = (
    Register,
    JointController,
    Purpose,
    CategoryRow,
    Source,
    Recipient,
    Transfer,
    Retention,
    Cookie,
)
HIDDEN_FIELDS = frozenset(
    {"id", "register", "version", "position", "created_at", "updated_at", "interview_step"}
)
HISTORY_LIMIT = 300
ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("removed")}


def history_entries(register: Register) -> list[dict[str, Any]]:
    """The register's and its rows' changes, newest first, each with who and what changed."""
    entries = []
    for model in HISTORY_MODELS:
        key = {"id": register.pk} if model is Register else {"register_id": register.pk}
        records = model.history.filter(**key).select_related("history_user")
        previous: dict[int, Any] = {}
        for record in records.order_by("history_date", "history_id"):
            entries.append(_entry(model, record, previous.get(record.id)))
            previous[record.id] = record
    entries += reviews.history_entries(register)
    entries = [entry for entry in entries if entry["changes"] or entry["type"] != "~"]
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:HISTORY_LIMIT]


def _entry(model: type[Any], record: Any, previous: Any) -> dict[str, Any]:
    names = [f.name for f in model._meta.fields if f.name not in HIDDEN_FIELDS]
    if previous is not None and record.history_type == "~":
        # A retention rule's categories are recorded too (m2m_fields of its history).
        tracked = [f.name for f in getattr(model.history.model, "_history_m2m_fields", ())]
        delta = record.diff_against(previous, included_fields=[*names, *tracked])
        changes = [(c.field, c.old, c.new) for c in delta.changes]
    elif record.history_type == "+":
        values = [(n, getattr(record, model._meta.get_field(n).attname)) for n in names]
        changes = [(n, None, v) for n, v in values if v not in (None, "", {}, [], False)]
    else:
        changes = []
    return {
        "when": record.history_date,
        "who": record.history_user,
        "type": record.history_type,
        "action": ACTIONS.get(record.history_type, ""),
        "kind": model._meta.verbose_name,
        "label": _record_label(model, record),
        "changes": [
            (_field_label(model, n), _shown(model, n, old), _shown(model, n, new))
            for n, old, new in changes
        ],
    }


def _record_label(model: type[Any], record: Any) -> str:
    if model is Register:
        return ""
    return _row_name(record)


def _row_name(record: Any) -> str:
    """What a row is called by a reader: its name or description, in the reader's language."""
    model = type(record) if not hasattr(record, "instance_type") else record.instance_type
    for name in ("name", "description", "applies_to", "category", "custom_name"):
        value = getattr(record, name, None)
        if isinstance(value, dict) and value:
            return str(value.get(get_language() or "", next(iter(value.values()))))
        if value:
            return _shown(model, name, value)
    return ""


def _field_label(model: type[Any], name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _shown(model: type[Any], name: str, value: Any) -> str:
    """A stored value as a reader understands it: labels for codes, texts per language."""
    if value in (None, "", {}, []):
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    field = model._meta.get_field(name)
    if field.many_to_many and isinstance(value, list):
        target = f"{field.related_model._meta.model_name}"
        pks = [item.get(target) for item in value if isinstance(item, dict)]
        rows = field.related_model._default_manager.filter(pk__in=pks)
        return ", ".join(_row_name(row) for row in rows) or "–"
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return _row_name(related) if related is not None else str(_("a removed row"))
    if name in COUNTRY_FIELDS and isinstance(value, str):
        return country_name(value, get_language() or "en")
    choices = dict(getattr(getattr(field, "base_field", field), "flatchoices", None) or [])
    if isinstance(value, dict):
        return " · ".join(f"{code}: {text}" for code, text in value.items())
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    return str(choices.get(value, value))
