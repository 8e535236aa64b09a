"""The interview's pages: one question each, and check your answers before the overview.

A question is saved like a section page (the version guard, the history, the audit trail);
"Skip this question" saves nothing and moves on, so the answers stay "not answered yet".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from registers.editor.errors import page_problems
from registers.editor.forms import TRI_STATE, style_field
from registers.editor.interview.answers import summaries
from registers.editor.interview.questions import (
    BY_SLUG,
    CHECK,
    DONE,
    FIRST,
    QUESTIONS,
    Question,
    next_step,
    previous_step,
)
from registers.editor.rows import FORMSETS, ROW_TITLES
from registers.editor.sections import SectionPage, save_page, with_added_row
from registers.editor.views import CONFLICT, PREFETCH
from registers.models import Register
from tenants import audit
from tenants.access import role_required
from tenants.models import Role

YES_NO = [("True", _("Yes")), ("False", _("No"))]


def step_url(register: Register, step: str) -> str:
    """The page of an interview step: a question, or check your answers."""
    if step == CHECK:
        return reverse("interview_check", kwargs={"slug": register.slug})
    return reverse("interview_question", kwargs={"slug": register.slug, "question": step})


def _move_to(register: Register, step: str) -> None:
    """Remember where the user left off; bookkeeping, not a change of the register's answers."""
    if register.interview_step != DONE:
        Register.objects.filter(pk=register.pk).update(interview_step=step)


def _page(question: Question, register: Register, data: Any) -> SectionPage:
    page = SectionPage(question.section, register, data)
    for name in TRI_STATE & set(page.form.fields):
        # A yes/no question is two radio buttons; neither chosen leaves it unanswered.
        field = page.form.fields[name]
        field.widget = forms.RadioSelect(choices=YES_NO)
        style_field(field)
        field.widget.attrs["class"] = "checkbox-list"
    return page


@role_required(Role.EDITOR)
def interview_question(request: HttpRequest, slug: str, question: str) -> HttpResponse:
    if question not in BY_SLUG:
        raise Http404
    asked = BY_SLUG[question]
    register = get_object_or_404(Register.objects.prefetch_related(*PREFETCH), slug=slug)
    changing = request.GET.get("change") == "1"
    after = step_url(register, CHECK if changing else next_step(question))
    page, status, conflict = _page(asked, register, request.POST or None), 200, False
    if request.method == "POST" and "skip" in request.POST:
        _move_to(register, CHECK if changing else next_step(question))
        return redirect(after)
    if request.method == "POST" and request.POST.get("add_row") in asked.rows:
        formset = next(f for f in page.formsets if f.prefix == request.POST["add_row"])
        page = _page(asked, register, with_added_row(request.POST, formset))
    elif request.method == "POST" and page.is_valid():
        if save_page(page):
            audit.record("register.saved", request=request, register=slug, section=question)
            _move_to(register, CHECK if changing else next_step(question))
            messages.success(request, _("Saved."))
            return redirect(after)
        status, conflict = 409, True
    return render(
        request,
        "registers/editor/interview/question.html",
        _context(page, asked, changing, conflict),
        status=status,
    )


def _context(page: SectionPage, asked: Question, changing: bool, conflict: bool) -> dict[str, Any]:
    register = page.register
    previous = previous_step(asked.slug)
    if changing:
        back = step_url(register, CHECK)
    elif previous:
        back = step_url(register, previous)
    else:
        back = reverse("register_overview", kwargs={"slug": register.slug})
    formsets = [(formset, ROW_TITLES[formset.prefix]) for formset in page.formsets]
    return {
        "register": register,
        "question": asked,
        "page": page,
        "formsets": formsets,
        "number": [q.slug for q in QUESTIONS].index(asked.slug) + 1,
        "count": len(QUESTIONS),
        "back": back,
        "problems": page_problems(page.form, formsets) if page.form.is_bound else [],
        "conflict": conflict and CONFLICT,
        "can_edit": True,
    }


@role_required(Role.EDITOR)
def interview_check(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register.objects.prefetch_related(*FORMSETS), slug=slug)
    context = {
        "register": register,
        "answers": summaries(register),
        "back": step_url(register, QUESTIONS[-1].slug),
    }
    return render(request, "registers/editor/interview/check.html", context)


@require_POST
@role_required(Role.EDITOR)
def interview_finish(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    Register.objects.filter(pk=register.pk).update(interview_step=DONE)
    audit.record("register.interview_finished", request=request, register=slug)
    return redirect("register_overview", slug=slug)


def continue_url(register: Register) -> str | None:
    """Where the register's interview continues; None once finished, or if it never began."""
    if register.interview_step in ("", DONE):
        return None
    return step_url(register, register.interview_step if register.interview_step else FIRST)
