"""The record of processing activities (GDPR Art. 30): what the organisation keeps for itself
and the supervisory authority, beside the registers it describes to people.

A register is one processing activity of the controller's record (Art. 30(1)); its facts come
from the register itself, and only what a notice never states is kept here. Nothing in this
module reaches a public output. Processing on behalf of other controllers (Art. 30(2)) has rows
of its own.
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registers.models.register import Register


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class DpiaTrigger(models.TextChoices):
    """Processing that needs an impact assessment: GDPR Art. 35(3) and the Finnish Data
    Protection Ombudsman's list under Art. 35(4) (decision of 21 December 2018)."""

    PROFILING = (
        "a35-3-a",
        _(
            "Systematic and extensive evaluation, including profiling, on which "
            "decisions with legal or similarly significant effects are based "
            "(Art. 35(3)(a))"
        ),
    )
    LARGE_SCALE_SPECIAL = (
        "a35-3-b",
        _("Special categories or criminal data on a large scale (Art. 35(3)(b))"),
    )
    PUBLIC_MONITORING = (
        "a35-3-c",
        _("Systematic monitoring of a publicly accessible area on a large scale (Art. 35(3)(c))"),
    )
    BIOMETRIC = (
        "fi-biometric",
        _(
            "Biometric data to identify a person, with at least one other "
            "high-risk criterion (Ombudsman's list)"
        ),
    )
    GENETIC = (
        "fi-genetic",
        _("Genetic data, with at least one other high-risk criterion (Ombudsman's list)"),
    )
    LOCATION = (
        "fi-location",
        _("Location data, with at least one other high-risk criterion (Ombudsman's list)"),
    )
    NOT_INFORMED = (
        "fi-art14-5",
        _("People are not informed, relying on Art. 14(5) (Ombudsman's list)"),
    )
    WHISTLEBLOWING = "fi-whistleblowing", _("A whistleblowing channel (Ombudsman's list)")


class ProcessingRecord(models.Model):
    """The internal facts of one register as a processing activity; never published."""

    register = models.OneToOneField(Register, on_delete=models.CASCADE, related_name="record")
    system = models.CharField(_("systems and applications used"), max_length=500, blank=True)
    internal_owner = models.CharField(
        _("person responsible in the organisation"), max_length=200, blank=True
    )
    dpia_triggers = ArrayField(
        models.CharField(max_length=20, choices=DpiaTrigger.choices),
        verbose_name=_("processing that requires an impact assessment"),
        default=list,
        blank=True,
    )
    dpia_required = models.CharField(
        _("is an impact assessment (DPIA) required?"),
        max_length=3,
        choices=Answer.choices,
        blank=True,
    )
    dpia_date = models.DateField(_("date of the impact assessment"), null=True, blank=True)
    transfer_safeguards = models.TextField(
        _("documentation of the safeguards of transfers (Art. 30(1)(e), 49(1))"), blank=True
    )
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(user_db_constraint=False)

    class Meta:
        verbose_name = _("record of a processing activity")

    def __str__(self) -> str:
        return self.register.slug


class ProcessorActivity(models.Model):
    """Processing carried out on behalf of one controller (Art. 30(2))."""

    position = models.PositiveIntegerField(_("order"), default=0)
    controller_name = models.CharField(_("controller"), max_length=200)
    controller_contact = models.CharField(
        _("controller's contact details"), max_length=500, blank=True
    )
    controller_representative = models.CharField(
        _("controller's representative or data protection officer"), max_length=500, blank=True
    )
    processing = models.TextField(_("categories of processing carried out for this controller"))
    transfers = models.TextField(
        _("transfers outside the EU/EEA, with the countries and safeguards"), blank=True
    )
    security = models.TextField(_("technical and organisational security measures"), blank=True)
    history = HistoricalRecords(user_db_constraint=False)

    class Meta:
        ordering: ClassVar = ["position", "pk"]
        verbose_name = _("processing on behalf of a controller")

    def __str__(self) -> str:
        return self.controller_name


class RecordSnapshot(models.Model):
    """The whole record as exported on one day, kept so that an earlier record can be shown."""

    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    created_by_id = models.IntegerField(null=True)
    language = models.CharField(max_length=2)
    data = models.JSONField()

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name = _("snapshot of the record of processing")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d}"
