"""A register: one notice, its languages and the answers that are not rows."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registers.translated import TranslatedTextField
from registers.validators import validate_languages
from registers.vocabulary import (
    DataSubjectGroup,
    Language,
)


class Register(models.Model):
    """One notice: a set of processing operations described to one audience."""

    name = TranslatedTextField(_("name of the register"), max_length=200, blank=False)
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    languages = ArrayField(
        models.CharField(max_length=2, choices=Language.choices),
        verbose_name=_("languages"),
        default=list,
        help_text=_("The languages the notice is published in."),
    )
    introduction = TranslatedTextField(_("introduction"), blank=True)
    subject_groups = ArrayField(
        models.CharField(max_length=40, choices=DataSubjectGroup.choices),
        verbose_name=_("data subjects"),
        default=list,
        blank=True,
    )
    other_subject_groups = TranslatedTextField(_("other data subjects"), max_length=500)
    consent_age = models.PositiveSmallIntegerField(
        _("age from which a child consents alone"),
        null=True,
        blank=True,
        validators=[MinValueValidator(13), MaxValueValidator(18)],
    )

    # The questions whose answer becomes a sentence start unanswered (None): only an answer is
    # worded in the notice, and the checker refuses to publish while one is missing.
    collected_from_subject = models.BooleanField(
        _("is data collected from the data subjects themselves?"), null=True, blank=True
    )
    identity_code_need = TranslatedTextField(_("why the personal identity code is needed"))

    has_automated_decisions = models.BooleanField(
        _("are decisions made by automated means only, profiling included?"),
        null=True,
        blank=True,
    )
    automated_logic = TranslatedTextField(_("the logic involved"))
    automated_consequences = TranslatedTextField(_("significance and envisaged consequences"))

    has_recipients = models.BooleanField(
        _("is the data disclosed to anyone, or processed by service providers?"),
        null=True,
        blank=True,
    )
    has_transfers = models.BooleanField(
        _("is data transferred outside the EU/EEA?"), null=True, blank=True
    )

    security = TranslatedTextField(_("principles of protecting the register"))

    rights_channel = TranslatedTextField(_("how to exercise the rights"))
    rights_email = models.EmailField(_("email for requests"), blank=True)
    response_days = models.PositiveSmallIntegerField(
        _("answer within (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )

    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    # Where the guided interview of a new register stands: the question to continue from,
    # "check" for the answers page, "done" once finished; empty for a register made otherwise.
    interview_step = models.CharField(_("interview step"), max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: every editor form carries the version it was read at, and a save
    # succeeds only while the register is still at that version (no silent overwrites).
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(
        excluded_fields=["updated_at", "interview_step"], user_db_constraint=False
    )

    class Meta:
        verbose_name = _("register")
        verbose_name_plural = _("registers")
        ordering: ClassVar = ["created_at"]

    def __str__(self) -> str:
        return self.title()

    def save(self, *args: Any, **kwargs: Any) -> None:
        # One order for the same set, so that saving a page unchanged changes nothing.
        order = list(DataSubjectGroup.values)
        self.subject_groups = sorted(
            self.subject_groups, key=lambda g: order.index(g) if g in order else len(order)
        )
        super().save(*args, **kwargs)

    def clean(self) -> None:
        validate_languages(list(self.languages or []))

    def title(self, language: str | None = None) -> str:
        names = self.name or {}
        for code in (language, *self.languages, "fi", "en", "sv"):
            if code and names.get(code):
                return str(names[code])
        return self.slug
