"""The short notices of a published version: one per purpose that can have one, per language."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from registers.models.versions import Version
from registers.vocabulary import Language


class ShortNoticeOutput(models.Model):
    """One purpose's just-in-time notice in one language, rendered at publishing, never changed.

    ``key`` is the purpose's stable key (registers/document/jit.py), the address of its embed.
    """

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="short_notices")
    language = models.CharField(max_length=2, choices=Language.choices)
    key = models.SlugField(_("key"), max_length=60)
    document = models.JSONField()
    fragment = models.TextField()
    frame = models.TextField()

    class Meta:
        verbose_name = _("short notice")
        ordering: ClassVar = ["version", "language", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["version", "language", "key"], name="one_short_notice_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.key} ({self.language})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A published version cannot be changed.")
        super().save(*args, **kwargs)
