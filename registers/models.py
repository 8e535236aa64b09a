"""The register domain, one PostgreSQL schema per organisation.

Every fact a notice states is a field here: the checker reads these fields, the notice document is
built from them, and nothing legal is left to a free-text box that the checker cannot see into.
Free text is stored per language (``TranslatedTextField``). History records name their user
without a database constraint: users live in the public schema, and a constraint per history table
and organisation would hang thousands of triggers on ``auth_user``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registers.translated import TranslatedTextField
from registers.validators import validate_business_id, validate_country, validate_phone
from registers.vocabulary import (
    DataCategory,
    DataSubjectGroup,
    Language,
    LegalBasis,
    RecipientType,
    SpecialCondition,
    TransferMechanism,
)


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

    collected_from_subject = models.BooleanField(
        _("data is collected from the data subjects themselves"), default=True
    )
    identity_code_need = TranslatedTextField(_("why the personal identity code is needed"))

    has_automated_decisions = models.BooleanField(
        _("decisions are made by automated means only, profiling included"), default=False
    )
    automated_logic = TranslatedTextField(_("the logic involved"))
    automated_consequences = TranslatedTextField(_("significance and envisaged consequences"))

    security = TranslatedTextField(_("principles of protecting the register"))

    rights_channel = TranslatedTextField(_("how to exercise the rights"))
    rights_email = models.EmailField(_("email for requests"), blank=True)
    response_days = models.PositiveSmallIntegerField(
        _("answer within (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )

    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: every editor form carries the version it was read at, and a save
    # succeeds only while the register is still at that version (no silent overwrites).
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"], user_db_constraint=False)

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

    def title(self, language: str | None = None) -> str:
        names = self.name or {}
        for code in (language, *self.languages, "fi", "en", "sv"):
            if code and names.get(code):
                return str(names[code])
        return self.slug


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
        default=ProvisionRequirement.VOLUNTARY,
    )
    consequence = TranslatedTextField(
        _("what follows if the data is not provided"), max_length=1000
    )
    is_direct_marketing = models.BooleanField(_("direct marketing"), default=False)
    history = HistoricalRecords(user_db_constraint=False)

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
    country = models.CharField(
        _("country"), max_length=2, default="FI", blank=True, validators=[validate_country]
    )
    history = HistoricalRecords(user_db_constraint=False)

    class Meta(Row.Meta):
        verbose_name = _("recipient")

    def __str__(self) -> str:
        return self.name or str(self.description)


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
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
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
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class Retention(Row):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="retention")
    applies_to = TranslatedTextField(_("data or purpose"), blank=False, max_length=500)
    period = models.PositiveIntegerField(
        _("period"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    unit = models.CharField(_("unit"), max_length=10, choices=PeriodUnit.choices, blank=True)
    criteria = TranslatedTextField(
        _("criteria"), max_length=1000, help_text=_("When the period starts, or how it is decided.")
    )
    history = HistoricalRecords(user_db_constraint=False)

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
        default="FI",
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
