"""Custom host names: one per organisation, unique across organisations, served once verified."""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CustomHost(models.Model):
    """An owner's host name and the token that proves they control it.

    Until verified it answers nothing; verifying adds it to the organisation's domains, which is
    what makes the middleware route it (to the public outputs only, ``config/urls_custom_host``).
    """

    organisation = models.OneToOneField(
        "tenants.Organisation", on_delete=models.CASCADE, related_name="custom_host"
    )
    host = models.CharField(_("host name"), max_length=253, unique=True)
    token = models.CharField(max_length=64, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "tenants"
        verbose_name = _("custom host name")
        verbose_name_plural = _("custom host names")
        ordering: ClassVar = ["host"]

    def __str__(self) -> str:
        return self.host
