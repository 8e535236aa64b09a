"""Branding lives in the public schema, keyed by organisation, and is only served on its hosts."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Logo(models.Model):
    """A sanitised logo, kept by its content hash.

    Rows are never changed: a published version names its logo by hash, so an earlier logo
    stays readable for the versions that show it after the owner replaces or removes it.
    """

    organisation = models.ForeignKey(
        "tenants.Organisation", on_delete=models.CASCADE, related_name="logos"
    )
    digest = models.CharField(max_length=64)
    png = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "tenants"
        verbose_name = _("logo")
        verbose_name_plural = _("logos")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["organisation", "digest"], name="one_logo_per_digest")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.digest[:12]}"


class Branding(models.Model):
    organisation = models.OneToOneField(
        "tenants.Organisation", on_delete=models.CASCADE, primary_key=True, related_name="branding"
    )
    logo = models.ForeignKey(
        Logo, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accent = models.CharField(_("accent colour"), max_length=7, blank=True)
    # Posted back by the form: a save made on a page read before another owner's is refused.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        app_label = "tenants"
        verbose_name = _("branding")
        verbose_name_plural = _("branding")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.accent or '-'}"

    @property
    def is_set(self) -> bool:
        return bool(self.accent or self.logo_id)
