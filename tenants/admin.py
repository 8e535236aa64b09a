"""The operators' admin: organisations, their host names and members, invitations, the audit trail.

Organisations are created by sign-up only (it makes the schema, the host name and the first owner
together), and their address cannot change here: it names their schema and their host.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tenants.leaving import restore
from tenants.models import TEMPLATE_SCHEMA, AuditEvent, Domain, Invitation, Membership, Organisation


class DomainInline(admin.TabularInline[Domain, Organisation]):
    model = Domain
    extra = 0


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug", "schema_name", "created_at", "deletion_requested_at"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug", "schema_name", "created_at", "deletion_requested_at"]
    inlines = [DomainInline, MembershipInline]
    actions = ["restore_organisations"]

    @admin.action(description=_("Restore: cancel the deletion"))
    def restore_organisations(self, request: HttpRequest, queryset: Any) -> None:
        for organisation in queryset.exclude(deletion_requested_at=None):
            restore(organisation, user=request.user)

    def get_queryset(self, request: HttpRequest) -> Any:
        # The public site and the clone template are not organisations an operator looks after.
        return super().get_queryset(request).exclude(schema_name__in=["public", TEMPLATE_SCHEMA])

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin[Domain]):
    list_display = ["domain", "tenant", "is_primary"]
    search_fields = ["domain", "tenant__name"]
    list_select_related = ["tenant"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    """Owners make invitations (the link is mailed then); operators can look and delete only."""

    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    list_select_related = ["organisation"]
    search_fields = ["email", "organisation__name"]
    exclude = ["token_digest"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["created_at", "action", "organisation", "user", "ip_address"]
    list_filter = ["action"]
    list_select_related = ["organisation", "user"]
    search_fields = ["action", "user__email", "organisation__name"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
