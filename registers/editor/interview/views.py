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
from registers.editor.interview import marketing
from registers.editor.interview.answers import summaries
from registers.editor.interview.questions import (
    BY_SLUG,
    CHECK,
    DONE,
    FIRST,
    MARKETING,
    SLUGS,
    Question,
    asked_of,
    next_step,
    previous_step,
)
from registers.editor.rows import FORMSETS, ROW_TITLES
from registers.editor.sections import SectionPage, save_page, with_added_row
from registers.editor.views import CONFLICT, PREFETCH
from registers.models import Register
from registers.translated import LANGUAGE_CODES
from tenants import audit
from tenants.access import role_required
from tenants.models import Role

YES_NO = [("True", _("Yes")), ("False", _("No"))]


def step_url(register: Register, step: str, changing: bool = False) -> str:
    """The page of an interview step: a question, or check your answers."""
    if step == CHECK:
        return reverse("interview_check", kwargs={"slug": register.slug})
    url = reverse("interview_question", kwargs={"slug": register.slug, "question": step})
    return f"{url}?change=1" if changing else url


def _after(register: Register, slug: str, changing: bool) -> str:
    """The next step; a change from check your answers returns there, unless its "yes" now
    opens the list that follows it (the recipients after "do others receive the data?")."""
    following = next_step(slug, register)
    opened = following in BY_SLUG and BY_SLUG[following].when in BY_SLUG[slug].fields
    return following if not changing or opened else CHECK


def _move_to(register: Register, step: str) -> None:
    """Remember where the user left off; bookkeeping, not a change of the register's answers."""
    if register.interview_step != DONE:
        Register.objects.filter(pk=register.pk).update(interview_step=step)


def _page(question: Question, register: Register, data: Any) -> SectionPage:
    page = SectionPage(question.section, register, data)
    if question.slug == MARKETING:
        languages = tuple(register.languages) or LANGUAGE_CODES
        options = {"languages": languages, "read_only": False}
        page.formsets = marketing.formsets(register, data, options)
    for name in TRI_STATE & set(page.form.fields):
        # A yes/no question is two radio buttons; neither chosen leaves it unanswered. It is the
        # page's one question: the heading says it, the hint under it says what counts, and the
        # section page's help ("list them below") would point at a list that is not here.
        field = page.form.fields[name]
        field.widget = forms.RadioSelect(choices=YES_NO)
        field.label, field.help_text = str(question.text), ""
        field.legend_hidden = True  # type: ignore[attr-defined]
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
    page, status, conflict = _page(asked, register, request.POST or None), 200, False
    if request.method == "POST" and "skip" in request.POST:
        return _moved_on(register, question, changing)
    if request.method == "POST" and request.POST.get("add_row") in _prefixes(page):
        formset = next(f for f in page.formsets if f.prefix == request.POST["add_row"])
        page = _page(asked, register, with_added_row(request.POST, formset))
    elif request.method == "POST" and page.is_valid():
        if save_page(page):
            audit.record("register.saved", request=request, register=slug, section=question)
            messages.success(request, _("Saved."))
            return _moved_on(register, question, changing)
        status, conflict = 409, True
    return render(
        request,
        "registers/editor/interview/question.html",
        _context(page, asked, changing, conflict),
        status=status,
    )


def _prefixes(page: SectionPage) -> list[str]:
    return [formset.prefix for formset in page.formsets]


def _moved_on(register: Register, question: str, changing: bool) -> HttpResponse:
    step = _after(register, question, changing)
    if not changing:
        _move_to(register, step)
    return redirect(step_url(register, step, changing and step != CHECK))


def _context(page: SectionPage, asked: Question, changing: bool, conflict: bool) -> dict[str, Any]:
    register = page.register
    previous = previous_step(asked.slug, register)
    if changing:
        back = step_url(register, CHECK)
    elif previous:
        back = step_url(register, previous)
    else:
        back = reverse("register_overview", kwargs={"slug": register.slug})
    formsets = [(formset, _title(asked, formset.prefix)) for formset in page.formsets]
    steps = [question.slug for question in asked_of(register)]
    return {
        "register": register,
        "question": asked,
        "page": page,
        "formsets": formsets,
        "marketing": asked.slug == MARKETING,
        "number": len([step for step in steps if SLUGS.index(step) <= SLUGS.index(asked.slug)]),
        "count": len(steps),
        "back": back,
        "problems": page_problems(page.form, formsets) if page.form.is_bound else [],
        "conflict": conflict and CONFLICT,
        "can_edit": True,
    }


def _title(asked: Question, prefix: str) -> Any:
    if asked.slug == MARKETING:
        return _("Your purposes") if prefix == marketing.CHOSEN else _("A new marketing purpose")
    return ROW_TITLES[prefix]


@role_required(Role.EDITOR)
def interview_check(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register.objects.prefetch_related(*FORMSETS), slug=slug)
    context = {
        "register": register,
        "answers": summaries(register),
        "back": step_url(register, asked_of(register)[-1].slug),
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
