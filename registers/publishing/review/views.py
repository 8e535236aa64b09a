"""The pages of a review round: the setting, an editor's submission, an owner's decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from registers.compliance import blocking, check
from registers.models import Controller, PublicationReview, Register, ReviewPolicy
from registers.publishing.review import actions
from registers.publishing.versions import latest_version
from registers.publishing.views import PublishForm
from tenants import audit
from tenants.access import current_organisation, role_required
from tenants.models import Membership, Role
from tenants.queue.tasks import send_email


class SettingForm(forms.ModelForm[ReviewPolicy]):
    class Meta:
        model = ReviewPolicy
        fields = ("required",)


class SubmitForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the owners"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What you changed and what the owners should look at."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comments for the editor"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Needed when you send the draft back: what should change."),
    )
    register_version = forms.IntegerField(widget=forms.HiddenInput)
    controller_version = forms.IntegerField(widget=forms.HiddenInput)


@role_required(Role.OWNER)
def review_setting(request: HttpRequest) -> HttpResponse:
    policy = ReviewPolicy.objects.filter(pk=1).first() or ReviewPolicy(pk=1)
    form = SettingForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record("organisation.review_setting", request=request, required=policy.required)
        messages.success(request, _("The setting was saved."))
        return redirect("members")
    return render(request, "registers/publishing/review/setting.html", {"form": form})


@role_required(Role.EDITOR)
def review_submit(request: HttpRequest, slug: str) -> HttpResponse:
    register = get_object_or_404(Register, slug=slug)
    if not ReviewPolicy.is_required():
        messages.info(request, _("Your organisation does not require review before publishing."))
        return redirect("register_overview", slug=slug)
    controller = Controller.load()
    form = SubmitForm(request.POST or None, initial={"version": register.version})
    errors = blocking(check(register, controller))
    if request.method == "POST" and form.is_valid() and not errors:
        try:
            review = actions.submit(
                register=register,
                user=request.user,
                message=form.cleaned_data["message"],
                seen_version=form.cleaned_data["version"],
            )
        except actions.ReviewRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            _mail_owners(request, review)
            messages.success(request, _("The draft was submitted for review."))
            return redirect("register_overview", slug=slug)
    context = {
        "register": register,
        "form": form,
        "errors": errors,
        "languages": actions.differences(register, controller, latest_version(register)),
    }
    status = 400 if form.errors else 409 if errors and request.method == "POST" else 200
    return render(request, "registers/publishing/review/submit.html", context, status=status)


@role_required(Role.OWNER)
def review_detail(request: HttpRequest, slug: str, review: int) -> HttpResponse:
    found = get_object_or_404(
        PublicationReview.objects.select_related("register", "submitted_by"),
        pk=review,
        register__slug=slug,
    )
    form = DecisionForm(request.POST or None)
    publish = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and publish.is_valid():
        done = _decide(request, found, form, publish.cleaned_data["summary"])
        if done is not None:
            return done
    return _detail_page(request, found, form, publish)


def _decide(
    request: HttpRequest, review: PublicationReview, form: DecisionForm, summary: str
) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        if request.POST.get("decision") == "approve":
            seen = (data["register_version"], data["controller_version"])
            version = actions.approve(review=review, user=request.user, seen=seen, summary=summary)
            if version is None:
                messages.info(request, _("Approved. Nothing had changed since the latest version."))
            else:
                text = _("Approved and published as version %(number)s.")
                messages.success(request, text % {"number": version.number})
            return redirect("register_overview", slug=review.register.slug)
        if not data["comment"].strip():
            form.add_error("comment", _("Write what should change before sending the draft back."))
            return None
        actions.send_back(review=review, user=request.user, comment=data["comment"].strip())
    except actions.ReviewRefused as refusal:
        form.add_error(None, str(refusal))
        return None
    _mail_submitter(request, review)
    messages.success(request, _("The draft was sent back with your comments."))
    return redirect("register_overview", slug=review.register.slug)


def _detail_page(
    request: HttpRequest, review: PublicationReview, form: DecisionForm, publish: PublishForm
) -> HttpResponse:
    register = review.register
    controller = Controller.load()
    if not form.is_bound:
        form = DecisionForm(
            initial={
                "register_version": review.register_version,
                "controller_version": review.controller_version,
            }
        )
    context = {
        "register": register,
        "review": review,
        "form": form,
        "publish": publish,
        "changed": actions.changed_since(review, register, controller),
        "languages": actions.differences(register, controller, latest_version(register)),
    }
    status = 400 if form.errors or publish.errors else 200
    return render(request, "registers/publishing/review/detail.html", context, status=status)


def _mail_owners(request: HttpRequest, review: PublicationReview) -> None:
    owners = Membership.objects.filter(organisation=current_organisation(request), role=Role.OWNER)
    recipients = list(owners.exclude(user__email="").values_list("user__email", flat=True))
    link = reverse("review_detail", kwargs={"slug": review.register.slug, "review": review.pk})
    _mail(request, review, "submitted", recipients, link)


def _mail_submitter(request: HttpRequest, review: PublicationReview) -> None:
    email = getattr(review.submitted_by, "email", "")
    link = reverse("register_overview", kwargs={"slug": review.register.slug})
    _mail(request, review, "returned", [email] if email else [], link)


def _mail(
    request: HttpRequest, review: PublicationReview, kind: str, to: list[str], link: str
) -> None:
    register = review.register
    subjects: dict[str, Any] = {
        "submitted": _("Please review “%(register)s”"),
        "returned": _("“%(register)s” was sent back with comments"),
    }
    context = {"review": review, "who": request.user, "link": request.build_absolute_uri(link)}
    send_email.enqueue(
        subject=subjects[kind] % {"register": register.title(get_language())},
        message=render_to_string(f"registers/publishing/review/email/{kind}.txt", context),
        recipient_list=to,
    )
