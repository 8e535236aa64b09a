"""The steps of a review round, each one transaction and one audit event."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registers.document import build_document
from registers.models import (
    Controller,
    PublicationReview,
    Register,
    ReviewPolicy,
    ReviewState,
    Version,
)
from registers.publishing.changes import compare
from registers.publishing.status import draft_hash
from registers.publishing.versions import PublishBlocked, current_organisation, register_publish
from registers.translated import LANGUAGE_NAMES
from tenants import audit


class ReviewRefused(Exception):
    """The step cannot be taken; the message says why, in the user's language."""


def open_review(register: Register) -> PublicationReview | None:
    return register.publication_reviews.filter(state=ReviewState.SUBMITTED).first()


def changed_since(review: PublicationReview, register: Register, controller: Controller) -> bool:
    return (review.register_version, review.controller_version) != (
        register.version,
        controller.version,
    )


def submit(*, register: Register, user: Any, message: str, seen_version: int) -> PublicationReview:
    """A new submission at the register's current version; an open one is replaced by it."""
    with transaction.atomic():
        register = Register.objects.select_for_update().get(pk=register.pk)
        if register.version != seen_version:
            raise ReviewRefused(_("Someone saved the register after you opened this page."))
        previous = open_review(register)
        if previous is not None:
            previous.state = ReviewState.WITHDRAWN
            previous.save(update_fields=["state"])
        controller = Controller.load()
        review = PublicationReview.objects.create(
            register=register,
            register_version=register.version,
            controller_version=controller.version,
            content_hash=draft_hash(register, controller),
            message=message,
            submitted_by=user,
        )
        audit.record(
            "register.review_submitted",
            user=user,
            organisation=current_organisation(),
            register=register.slug,
            review=review.pk,
            register_version=review.register_version,
        )
    return review


def send_back(*, review: PublicationReview, user: Any, comment: str) -> None:
    with transaction.atomic():
        review = _locked_open(review)
        _decide(review, user, ReviewState.RETURNED, comment=comment)
        audit.record(
            "register.review_returned",
            user=user,
            organisation=current_organisation(),
            register=review.register.slug,
            review=review.pk,
        )


def approve(
    *, review: PublicationReview, user: Any, seen: tuple[int, int], summary: str
) -> Version | None:
    """Publish exactly the submitted content: refused once the register or controller changed.

    ``seen`` is the (register, controller) version pair the owner's page showed.
    """
    with transaction.atomic():
        review = _locked_open(review)
        register = Register.objects.select_for_update().get(pk=review.register_id)
        _refuse_unless_as_submitted(review, register, seen)
        try:
            version = register_publish(register=register, user=user, summary=summary)
        except PublishBlocked:
            raise ReviewRefused(
                _("The checker finds errors; the register cannot be published.")
            ) from None
        review.published_number = version.number if version else None
        _decide(review, user, ReviewState.APPROVED)
        audit.record(
            "register.review_approved",
            user=user,
            organisation=current_organisation(),
            register=register.slug,
            review=review.pk,
            version=review.published_number,
        )
    return version


def _refuse_unless_as_submitted(
    review: PublicationReview, register: Register, seen: tuple[int, int]
) -> None:
    """The owner's page, the submission and the draft must all be the same content."""
    controller = Controller.load()
    controller = Controller.objects.select_for_update().get(pk=controller.pk)
    if (
        seen != (review.register_version, review.controller_version)
        or changed_since(review, register, controller)
        or draft_hash(register, controller) != review.content_hash
    ):
        raise ReviewRefused(
            _(
                "The register changed after it was submitted. Send it back, or wait until "
                "it is submitted again."
            )
        )


def _locked_open(review: PublicationReview) -> PublicationReview:
    review = (
        PublicationReview.objects.select_for_update().select_related("register").get(pk=review.pk)
    )
    if not review.is_open:
        raise ReviewRefused(_("This submission has already been dealt with."))
    return review


def _decide(review: PublicationReview, user: Any, state: str, comment: str = "") -> None:
    review.state = state
    review.comment = comment
    review.decided_by = user
    review.decided_at = timezone.now()
    review.save(update_fields=["state", "comment", "decided_by", "decided_at", "published_number"])


def differences(
    register: Register, controller: Controller, latest: Version | None
) -> list[dict[str, Any]]:
    """Per language of the draft, its sections against the latest version's, line by line.

    The draft is worded with the latest version's dates, so only what the register says differs.
    """
    outputs = {}
    if latest is not None:
        outputs = {o.language: o.document for o in latest.outputs.only("language", "document")}
    result = []
    for code in register.languages:
        draft = build_document(
            register,
            controller,
            code,
            effective_date=register.effective_date or (latest.effective_date if latest else None),
            updated=timezone.localdate(latest.published_at) if latest else None,
        )
        published = dataclasses.replace(draft, sections=())
        if code in outputs:
            published = type(draft).from_dict(outputs[code])
        sections = [s for s in compare(published, draft) if s["changed"]]
        result.append(
            {"language": code, "name": LANGUAGE_NAMES.get(code, code), "sections": sections}
        )
    return result


def overview_state(register: Register, controller: Controller) -> dict[str, Any]:
    """The register's latest round as its overview shows it, and whether review is required."""
    latest = register.publication_reviews.select_related("submitted_by", "decided_by").first()
    current = latest if latest is not None and latest.is_open else None
    returned = latest if latest is not None and latest.state == ReviewState.RETURNED else None
    return {
        "required": ReviewPolicy.is_required(),
        "open": current,
        "returned": returned,
        "changed": current is not None and changed_since(current, register, controller),
    }
