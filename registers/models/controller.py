"""The organisation as the controller: its identity, contact person, DPO and representative."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registers.validators import validate_business_id, validate_country, validate_phone


class Controller(models.Model):
    """The organisation as controller: one row per schema."""

    # Blank until the organisation fills it in; the checker refuses to publish without it.
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    business_id = models.CharField(_("business ID"), max_length=30, blank=True)
    business_id_country = models.CharField(
        _("country of the business ID"), max_length=2, default="FI", validators=[validate_country]
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=2, default="FI", validators=[validate_country]
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)

    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's email"), blank=True)
    contact_phone = models.CharField(
        _("contact person's phone"), max_length=30, blank=True, validators=[validate_phone]
    )

    has_dpo = models.BooleanField(_("a data protection officer is designated"), default=False)
    dpo_name = models.CharField(_("data protection officer"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("data protection officer's email"), blank=True)
    dpo_phone = models.CharField(
        _("data protection officer's phone"), max_length=30, blank=True, validators=[validate_phone]
    )

    has_representative = models.BooleanField(_("an EU representative is designated"), default=False)
    representative_name = models.CharField(_("EU representative"), max_length=200, blank=True)
    representative_address = models.CharField(
        _("EU representative's address"), max_length=300, blank=True
    )
    representative_email = models.EmailField(_("EU representative's email"), blank=True)

    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(user_db_constraint=False)

    class Meta:
        verbose_name = _("controller")
        verbose_name_plural = _("controller")

    def __str__(self) -> str:
        return self.legal_name

    def clean(self) -> None:
        validate_business_id(self.business_id, self.business_id_country)

    @classmethod
    def load(cls) -> Controller:
        """The controller row of the current schema, created empty on first use."""
        controller, _created = cls.objects.get_or_create(pk=1, defaults={"legal_name": ""})
        return controller
