"""Organisations (tenants), their host names, members and invitations: all in the public schema."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tenants.clone import CloneSchema
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

from tenants.schemas.cloning import clone_template

TEMPLATE_SCHEMA = "org_template"
INVITATION_LIFETIME = timedelta(days=14)

# Names that would be confusing or dangerous as <slug>.<base domain>.
# fmt: off
RESERVED_SLUGS = frozenset({
    "admin", "api", "app", "assets", "auth", "billing", "blog", "cdn", "dashboard", "demo-admin",
    "dev", "docs", "embed", "ftp", "help", "imap", "login", "mail", "media", "new", "public",
    "root", "seloste", "signup", "smtp", "static", "status", "support", "template", "test", "www",
})
# fmt: on

# A name is one line: a line break in one would end up in mail headers (and fail the mail).
single_line_validator = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f]",
    _("Enter this on one line, without line breaks or control characters."),
    code="control_character",
    inverse_match=True,
)

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$",
    _(
        "Use 3–40 lower-case letters (a–z), digits and hyphens; "
        "begin and end with a letter or a digit."
    ),
)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def customers(self) -> OrganisationQuerySet:
        """Organisations people sign up for: not the public schema nor the clone template."""
        return self.exclude(schema_name__in=["public", TEMPLATE_SCHEMA])


class Organisation(TenantMixin):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=40, unique=True, validators=[slug_validator])
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Set when an owner deletes the organisation; the schema goes once the grace period ends.
    deletion_requested_at = models.DateTimeField(_("deletion requested"), null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()

    auto_create_schema = True
    auto_drop_schema = True

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def schema_for(slug: str) -> str:
        return "org_" + slug.replace("-", "_")

    @property
    def host(self) -> str:
        return f"{self.slug}.{settings.BASE_DOMAIN}"

    def url(self, path: str = "/") -> str:
        return host_url(self.host, path)

    def create_schema(
        self, check_if_exists: bool = False, sync_schema: bool = True, verbosity: int = 1
    ) -> bool | None:
        """Clone the migrated template schema, migration records included.

        django-tenants would run a (fake) migration of the new schema after cloning; that costs
        more than the clone itself and records nothing the copied django_migrations rows lack.
        The template is an organisation row of its own, so ``migrate_schemas`` keeps it current.
        """
        if self.schema_name == TEMPLATE_SCHEMA or not schema_exists(TEMPLATE_SCHEMA):
            return super().create_schema(check_if_exists, sync_schema, verbosity)  # type: ignore[no-any-return]
        if check_if_exists and schema_exists(self.schema_name):
            return False
        # Our own copy stays fast however many organisations there are (tenants/cloning.py);
        # django-tenants' clone remains for a template holding objects that copy does not handle.
        if not clone_template(TEMPLATE_SCHEMA, self.schema_name):
            CloneSchema().clone_schema(TEMPLATE_SCHEMA, self.schema_name, "DATA")
        connection.set_schema_to_public()  # type: ignore[attr-defined]
        return True


def host_url(host: str, path: str = "/") -> str:
    """An absolute URL on one of our hosts, with the scheme and port the site runs on."""
    port = f":{settings.PUBLIC_PORT}" if settings.PUBLIC_PORT else ""
    return f"{settings.PUBLIC_SCHEME}://{host}{port}{path}"


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return str(self.domain)


class Role(models.TextChoices):
    # Declared from least to most power; has_role compares positions.
    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    OWNER = "owner", _("Owner")


ROLE_ORDER = list(Role)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    def has_role(self, role: Role) -> bool:
        return ROLE_ORDER.index(Role(self.role)) >= ROLE_ORDER.index(role)


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def by_token(self, token: str) -> Invitation | None:
        return self.select_related("organisation").filter(token_digest=_token_digest(token)).first()


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    # Only a digest is stored, so a leaked database does not leak working invitation links.
    token_digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @classmethod
    def create(
        cls, *, organisation: Organisation, email: str, role: str, invited_by: Any
    ) -> tuple[Invitation, str]:
        """Create an invitation; return it with the token for the link (shown once)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_digest=_token_digest(token),
            invited_by=invited_by,
        )
        return invitation, token

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and timezone.now() < self.created_at + INVITATION_LIFETIME


class RegisterTemplateQuerySet(models.QuerySet["RegisterTemplate"]):
    def available_to(self, user: Any) -> RegisterTemplateQuerySet:
        """The user's own templates and those of the organisations they belong to."""
        of_mine = models.Q(
            organisation__memberships__user=user, organisation__deletion_requested_at=None
        )
        return self.filter(models.Q(owner=user) | of_mine).distinct().order_by("name", "pk")


class RegisterTemplate(models.Model):
    """A register saved to start others from, in the JSON format of registers/portable.

    It lives in the public schema because it outlives the register and crosses organisations:
    a consultant's own templates (``owner``, their workspace) serve every client they work in;
    an organisation's (``organisation``) serve its members, in any organisation they work in.
    """

    name = models.CharField(_("name"), max_length=200, validators=[single_line_validator])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="register_templates",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="register_templates",
    )
    data = models.JSONField(_("register"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = RegisterTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("register template")
        verbose_name_plural = _("register templates")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False, organisation__isnull=True)
                | models.Q(owner__isnull=True, organisation__isnull=False),
                name="template_of_a_user_or_an_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name


class UsedToken(models.Model):
    """Single-use tokens already spent (organisation hand-off links)."""

    digest = models.CharField(max_length=64, primary_key=True)
    used_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.digest[:12]}… {self.used_at:%Y-%m-%d %H:%M}"


class AuditEvent(models.Model):
    """Who did what, when and from where. Written by the app, never edited through it."""

    # The trail outlives a deleted organisation: its events stay, no longer linked to it.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


def organisation_create(*, name: str, slug: str, owner: Any) -> Organisation:
    """Create an organisation with its schema, its host name and its first owner.

    Runs in one transaction: PostgreSQL creates schemas transactionally, so a failure leaves
    neither a row nor a schema behind.
    """
    # Tenants are created from the public schema; a request on an organisation's host is not there.
    with schema_context(get_public_schema_name()), transaction.atomic():
        organisation: Organisation = Organisation.objects.create(
            name=name, slug=slug, schema_name=Organisation.schema_for(slug)
        )
        Domain.objects.create(domain=organisation.host, tenant=organisation, is_primary=True)
        Membership.objects.create(user=owner, organisation=organisation, role=Role.OWNER)
    return organisation


# Models of their own modules, registered with the app here (Django reads tenants.models).
from tenants.branding.models import Branding as Branding  # noqa: E402
from tenants.branding.models import Logo as Logo  # noqa: E402
from tenants.hosts.models import CustomHost as CustomHost  # noqa: E402
