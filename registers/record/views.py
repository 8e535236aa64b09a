"""The record of processing for owners: its overview, the internal facts, the exports.

Owners only; every save and export is in the audit trail, and no URL here is public.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registers.editor.saving import save_if_current
from registers.models import ProcessingRecord, ProcessorActivity, RecordSnapshot, Register
from registers.record.build import record_data
from registers.record.checks import check_record
from registers.record.forms import ProcessorFormSet, RecordForm, activities_state
from registers.record.writers import XLSX, record_csv, record_pdf, record_xlsx
from tenants import audit
from tenants.access import current_organisation, role_required
from tenants.models import Role

CONFLICT = gettext_lazy(
    "Someone else saved this in the meantime. Your input is kept below: reload to see "
    "their version, then make your change again."
)
FORMATS = ("xlsx", "csv", "pdf")


@role_required(Role.OWNER)
def record_overview(request: HttpRequest) -> HttpResponse:
    records = {r.register_id: r for r in ProcessingRecord.objects.all()}
    registers = [(r, records.get(r.pk)) for r in Register.objects.order_by("slug")]
    context = {
        "registers": registers,
        "activities": ProcessorActivity.objects.all(),
        "findings": check_record(),
        "snapshots": RecordSnapshot.objects.all()[:20],
        "formats": FORMATS,
    }
    return render(request, "registers/record/overview.html", context)


@role_required(Role.OWNER)
def record_edit(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    record, _created = ProcessingRecord.objects.get_or_create(register=register)
    form = RecordForm(request.POST or None, instance=record, initial={"version": record.version})
    status, conflict = 200, False
    if request.method == "POST" and form.is_valid():
        if save_if_current(form):
            audit.record("record.saved", request=request, register=register.slug)
            messages.success(request, _("Saved."))
            return redirect("record_overview")
        status, conflict = 409, True
    context = {"form": form, "register": register, "conflict": conflict and CONFLICT}
    return render(request, "registers/record/edit.html", context, status=status)


@role_required(Role.OWNER)
def record_processor(request: HttpRequest) -> HttpResponse:
    formset = ProcessorFormSet(request.POST or None, queryset=ProcessorActivity.objects.all())
    state = request.POST.get("state", "") if request.method == "POST" else activities_state()
    status, conflict = 200, False
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            # One lock for the list: two owners saving it at once are taken one after the other.
            list(ProcessorActivity.objects.select_for_update().values_list("pk", flat=True))
            if state == activities_state():
                _save_activities(formset)
                audit.record("record.processor_saved", request=request)
                messages.success(request, _("Saved."))
                return redirect("record_overview")
        status, conflict = 409, True
    context = {"formset": formset, "state": state, "conflict": conflict and CONFLICT}
    return render(request, "registers/record/processor.html", context, status=status)


def _save_activities(formset: ProcessorFormSet) -> None:  # type: ignore[valid-type]
    """Saves the rows in the order shown; deleted rows go, new rows come last."""
    formset.save(commit=False)  # type: ignore[attr-defined]
    for obj in formset.deleted_objects:  # type: ignore[attr-defined]
        obj.delete()
    kept = [f for f in formset.forms if f.has_changed() or f.instance.pk]  # type: ignore[attr-defined]
    for position, form in enumerate(f for f in kept if f not in formset.deleted_forms):  # type: ignore[attr-defined]
        form.instance.position = position
        form.instance.save()


def _download(data: dict[str, object], fmt: str, organisation: str, day: str) -> HttpResponse:
    name = f"record-of-processing-{day}.{fmt}"
    if fmt == "xlsx":
        response = HttpResponse(record_xlsx(data), content_type=XLSX)
    elif fmt == "csv":
        response = HttpResponse(record_csv(data), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(record_pdf(data, organisation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@role_required(Role.OWNER)
def record_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    data = record_data(get_language() or "fi")
    snapshot = RecordSnapshot.objects.create(
        created_by_id=request.user.pk, language=data["language"], data=data
    )
    audit.record("record.exported", request=request, format=fmt, snapshot=snapshot.pk)
    organisation = current_organisation(request)
    day = timezone.localdate(snapshot.created_at).isoformat()
    return _download(data, fmt, organisation.name, day)


@role_required(Role.OWNER)
def record_snapshot(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    snapshot = get_object_or_404(RecordSnapshot, pk=pk)
    audit.record("record.downloaded", request=request, format=fmt, snapshot=snapshot.pk)
    organisation = current_organisation(request)
    day = timezone.localdate(snapshot.created_at).isoformat()
    return _download(snapshot.data, fmt, organisation.name, day)
