"""Review before publishing: whether an organisation requires it, and each round of it.

A review names the register's and the controller's version numbers at submission: an owner's
approval publishes only while both are still those numbers, so what is approved is what was shown.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from registers.models.register import Register


class ReviewPolicy(models.Model):
    """The organisation's one setting row (its schema holds one organisation)."""

    required = models.BooleanField(
        _("publishing needs an owner's approval"),
        default=False,
        help_text=_("Editors submit a draft for review; an owner approves it, which publishes it."),
    )
    history = HistoricalRecords(user_db_constraint=False)

    class Meta:
        verbose_name = _("review before publishing")

    def __str__(self) -> str:
        return str(self.required)

    @classmethod
    def is_required(cls) -> bool:
        return cls.objects.filter(pk=1, required=True).exists()


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for review")
    RETURNED = "returned", _("sent back")
    APPROVED = "approved", _("approved")
    # Replaced by a later submission of the same register.
    WITHDRAWN = "withdrawn", _("submitted again")


def _user(name: StrOrPromise) -> models.ForeignKey[Any, Any]:
    # Users live in the public schema; no constraint or cascade crosses into the organisation's.
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=name,
    )


class PublicationReview(models.Model):
    """One submission of a register's draft, and what an owner decided about it."""

    register = models.ForeignKey(
        Register, on_delete=models.CASCADE, related_name="publication_reviews"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ReviewState.choices, default=ReviewState.SUBMITTED
    )
    register_version = models.PositiveIntegerField(_("register version"))
    controller_version = models.PositiveIntegerField(_("controller version"))
    # What publishing would have frozen at submission: a change that moves no version number
    # (none should) still cannot be approved unseen.
    content_hash = models.CharField(_("content hash"), max_length=64)
    message = models.TextField(_("message to the owners"), max_length=2000)
    comment = models.TextField(_("comments"), max_length=2000, blank=True)
    submitted_by = _user(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_by = _user(_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    published_number = models.PositiveIntegerField(_("published version"), null=True, blank=True)
    history = HistoricalRecords(user_db_constraint=False)

    class Meta:
        verbose_name = _("review before publishing")
        ordering: ClassVar = ["-submitted_at", "-pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["register"],
                condition=models.Q(state="submitted"),
                name="one_open_review_per_register",
            )
        ]

    def __str__(self) -> str:
        return f"{self.register_id}@{self.register_version}:{self.state}"

    @property
    def is_open(self) -> bool:
        return self.state == ReviewState.SUBMITTED
