"""Published versions: frozen data and every rendered output, immutable once written."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registers.models.register import Register
from registers.vocabulary import (
    Language,
)


class Version(models.Model):
    """A published notice, frozen: the data it was made from and every output, never changed.

    Outputs are rendered once, at publishing, and served from here like static files. Rows are
    only ever inserted: ``save`` refuses updates and a database trigger refuses them too.
    """

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    languages = ArrayField(models.CharField(max_length=2, choices=Language.choices))
    data = models.JSONField(_("published data"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    script = models.TextField(_("embed script"))
    effective_date = models.DateField(_("effective date"))
    summary = models.TextField(_("summary of changes"), blank=True)
    # Users live in the public schema; no constraint or cascade crosses into the organisation's.
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering: ClassVar = ["register", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["register", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.register} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A published version cannot be changed.")
        super().save(*args, **kwargs)

    def output(self, language: str) -> VersionOutput | None:
        return self.outputs.filter(language=language).first()


class VersionOutput(models.Model):
    """The outputs of one version in one language, rendered at publishing."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="outputs")
    language = models.CharField(max_length=2, choices=Language.choices)
    document = models.JSONField()
    page = models.TextField()
    fragment = models.TextField()
    frame = models.TextField()
    pdf = models.BinaryField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["version", "language"], name="one_output_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.language})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A published version cannot be changed.")
        super().save(*args, **kwargs)
