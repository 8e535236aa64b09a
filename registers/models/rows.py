"""The rows of a register: joint controllers, purposes, data, sources, recipients, transfers,
retention rules and cookies."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registers.models.register import Register
from registers.translated import TranslatedTextField
from registers.validators import validate_country, validate_location
from registers.vocabulary import (
    ConsentMethod,
    DataCategory,
    LegalBasis,
    RecipientType,
    SpecialCondition,
    TransferMechanism,
    is_special_category,
)


class Row(models.Model):
    """A row of one of a register's lists, kept in the order the editor shows."""

    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering: ClassVar = ["position", "pk"]


class JointController(Row):
    register = models.ForeignKey(
        Register, on_delete=models.CASCADE, related_name="joint_controllers"
    )
    name = models.CharField(_("name"), max_length=200)
    contact = models.CharField(_("contact details"), max_length=300)
    essence = TranslatedTextField(_("essence of the arrangement"), blank=False)
    history = HistoricalRecords(user_db_constraint=False)

    class Meta(Row.Meta):
        verbose_name = _("joint controller")

    def __str__(self) -> str:
        return self.name


class ProvisionRequirement(models.TextChoices):
    VOLUNTARY = "voluntary", _("Voluntary")
    STATUTORY = "statutory", _("Required by law")
    CONTRACTUAL = "contractual", _("Required by a contract")
    CONTRACT_PRECONDITION = "precondition", _("Needed to enter into a contract")


class Purpose(Row):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="purposes")
    description = TranslatedTextField(_("purpose"), blank=False, max_length=1000)
    # Blank only in drafts (an imported notice may lack a basis); the checker refuses to publish it.
    basis = models.CharField(
        _("legal basis"), max_length=10, choices=LegalBasis.choices, blank=True
    )
    legitimate_interest = TranslatedTextField(_("the legitimate interest"), max_length=1000)
    requirement = models.CharField(
        _("must the person provide the data?"),
        max_length=15,
        choices=ProvisionRequirement.choices,
        blank=True,
    )
    consequence = TranslatedTextField(
        _("what follows if the data is not provided"), max_length=1000
    )
    is_direct_marketing = models.BooleanField(_("direct marketing"), default=False)
    # Asked only of purposes on consent; "not answered" until chosen.
    consent_method = models.CharField(
        _("how is consent asked?"), max_length=10, choices=ConsentMethod.choices, blank=True
    )
    # Which of the register's data this purpose uses; none named reads "not answered", which
    # leaves the purpose without a short notice (it cannot say how long its data is kept).
    categories: models.ManyToManyField[CategoryRow, Any] = models.ManyToManyField(
        "CategoryRow", blank=True, related_name="purposes", verbose_name=_("data used")
    )
    history = HistoricalRecords(user_db_constraint=False, m2m_fields=[categories])

    class Meta(Row.Meta):
        verbose_name = _("purpose")

    def __str__(self) -> str:
        return f"{self.basis}: {self.description}"


class CategoryRow(Row):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(
        _("category"),
        max_length=40,
        choices=DataCategory.choices,
        blank=True,
        help_text=_("Leave empty and name the category below if it is not in the list."),
    )
    custom_name = TranslatedTextField(_("own category"), max_length=200)
    details = TranslatedTextField(_("details"), max_length=1000)
    is_special = models.BooleanField(_("special category (Art. 9)"), default=False)
    special_condition = models.CharField(
        _("Art. 9(2) condition"), max_length=10, choices=SpecialCondition.choices, blank=True
    )
    history = HistoricalRecords(user_db_constraint=False)

    class Meta(Row.Meta):
        verbose_name = _("data category")

    def __str__(self) -> str:
        return self.category or str(self.custom_name)

    @property
    def special(self) -> bool:
        """Art. 9(1) data, by the one definition in the vocabulary."""
        return is_special_category(
            self.category, marked=self.is_special, condition=self.special_condition
        )


class Source(Row):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="sources")
    description = TranslatedTextField(_("source"), blank=False, max_length=1000)
    publicly_available = models.BooleanField(_("publicly accessible source"), default=False)
    history = HistoricalRecords(user_db_constraint=False)

    class Meta(Row.Meta):
        verbose_name = _("source")

    def __str__(self) -> str:
        return str(self.description)


class Recipient(Row):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="recipients")
    # Drafts (an imported notice) may lack these; the checker refuses to publish without them.
    recipient_type = models.CharField(
        _("role"), max_length=30, choices=RecipientType.choices, blank=True
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("Leave empty to name only the category.")
    )
    description = TranslatedTextField(_("category and task"), blank=False, max_length=1000)
    # A country, or "EU" for the EU/EEA without naming the member state.
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_location]
    )
    history = HistoricalRecords(user_db_constraint=False)

    class Meta(Row.Meta):
        verbose_name = _("recipient")

    def __str__(self) -> str:
        return self.name or str(self.description)

    @property
    def is_category(self) -> bool:
        """A category of recipients (Art. 13(1)(e) allows them) rather than one named recipient."""
        return not self.name.strip()


class Transfer(Row):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="transfers")
    recipient = models.ForeignKey(
        Recipient,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("recipient"),
    )
    # Blank only with country_unknown, which the checker then refuses (Art. 13(1)(f)).
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country]
    )
    country_unknown = models.BooleanField(
        _("the country is not known, or there are several countries"), default=False
    )
    mechanism = models.CharField(
        _("safeguard"), max_length=20, choices=TransferMechanism.choices, blank=True
    )
    description = TranslatedTextField(_("what is transferred"), max_length=1000)
    copy_available = TranslatedTextField(
        _("how to obtain a copy of the safeguards"), max_length=500
    )
    history = HistoricalRecords(user_db_constraint=False)

    class Meta(Row.Meta):
        verbose_name = _("transfer")

    def __str__(self) -> str:
        return f"{self.country}: {self.mechanism}"


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class Retention(Row):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="retention")
    applies_to = TranslatedTextField(_("name of the rule"), max_length=500)
    # Which data the rule covers: some of the register's categories, all the others, or both.
    categories = models.ManyToManyField(
        CategoryRow, blank=True, related_name="retention_rules", verbose_name=_("data covered")
    )
    all_other_data = models.BooleanField(
        _("all other data"),
        default=False,
        help_text=_("Every category that no other rule covers."),
    )
    period = models.PositiveIntegerField(
        _("period"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    unit = models.CharField(_("unit"), max_length=10, choices=PeriodUnit.choices, blank=True)
    criteria = TranslatedTextField(
        _("criteria"), max_length=1000, help_text=_("When the period starts, or how it is decided.")
    )
    end_event = TranslatedTextField(
        _("when keeping ends"),
        max_length=500,
        help_text=_(
            "The event after which the data is deleted, for example: until you delete your account."
        ),
    )
    history = HistoricalRecords(user_db_constraint=False, m2m_fields=[categories])

    class Meta(Row.Meta):
        verbose_name = _("retention rule")

    def __str__(self) -> str:
        return str(self.applies_to)


class CookieKind(models.TextChoices):
    NECESSARY = "necessary", _("Strictly necessary")
    PREFERENCES = "preferences", _("Preferences")
    ANALYTICS = "analytics", _("Analytics")
    MARKETING = "marketing", _("Marketing")


class Cookie(Row):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="cookies")
    name = models.CharField(_("cookie or tool"), max_length=200)
    # Drafts (an imported notice) may lack these; the checker refuses to publish without them.
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=15, choices=CookieKind.choices)
    purpose = TranslatedTextField(_("purpose"), blank=False, max_length=500)
    duration = TranslatedTextField(_("duration"), max_length=100)
    country = models.CharField(
        _("provider's country"),
        max_length=2,
        blank=True,
        validators=[validate_country],
    )
    mechanism = models.CharField(
        _("transfer safeguard"), max_length=20, choices=TransferMechanism.choices, blank=True
    )
    history = HistoricalRecords(user_db_constraint=False)

    class Meta(Row.Meta):
        verbose_name = _("cookie or analytics tool")

    def __str__(self) -> str:
        return self.name
