"""Translations to review: one language of a text, written before another language of it changed."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registers.models.register import Register
from registers.vocabulary import Language


class TranslationReview(models.Model):
    """A mark on one language of one translated field of the register or of one of its rows.

    ``rows`` is the list the row belongs to (its related name, such as ``purposes``) and
    ``row_id`` the row; both are empty for the register's own fields. A mark lives in the
    organisation's schema with its register, like every other part of it.
    """

    register = models.ForeignKey(
        Register, on_delete=models.CASCADE, related_name="translation_reviews"
    )
    rows = models.CharField(_("list"), max_length=30, blank=True)
    row_id = models.PositiveIntegerField(_("row"), null=True, blank=True)
    field = models.CharField(_("field"), max_length=40)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    changed = ArrayField(
        models.CharField(max_length=2, choices=Language.choices),
        verbose_name=_("changed in"),
        default=list,
        help_text=_("The languages whose text changed after this one was written."),
    )
    marked_at = models.DateTimeField(_("marked"), default=timezone.now)
    history = HistoricalRecords(user_db_constraint=False)

    class Meta:
        verbose_name = _("translation to review")
        verbose_name_plural = _("translations to review")
        ordering: ClassVar = ["rows", "row_id", "field", "language"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["register", "rows", "row_id", "field", "language"],
                nulls_distinct=False,
                name="one_review_per_language_of_a_field",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rows}[{self.row_id}].{self.field}:{self.language}"
