"""URLs of an organisation's host (<slug>.<base domain>)."""

from __future__ import annotations

from django.urls import include, path

from tenants import leaving, members, views
from tenants.accounts import views as accounts
from tenants.urls import common

urlpatterns = [
    path("", include("registers.public.urls")),
    # Before the editor: its "registers/import/" would otherwise read as a register's overview.
    path("", include("registers.publishing.urls")),
    path("", include("registers.record.urls")),
    path("", include("registers.editor.urls")),
    path("accounts/handoff/", accounts.handoff_receive, name="handoff"),
    path("members/", members.members, name="members"),
    path("members/invite/", members.invite, name="invite"),
    path("members/<int:pk>/role/", members.member_role, name="member_role"),
    path("members/<int:pk>/remove/", members.member_remove, name="member_remove"),
    path(
        "members/invitations/<int:pk>/cancel/", members.invitation_cancel, name="invitation_cancel"
    ),
    path("audit/", views.audit_trail, name="audit_trail"),
    path("", include("tenants.branding.urls")),
    path("", include("tenants.hosts.urls")),
    path("organisation/delete/", leaving.organisation_delete, name="organisation_delete"),
    path("organisation/deletion/", leaving.organisation_deletion, name="organisation_deletion"),
    path(
        "organisation/deletion/restore/",
        leaving.organisation_restore,
        name="organisation_restore",
    ),
    *common,
    path("", include("registers.portfolio.urls")),
    # Answered by ops.middleware before the host is looked up; here so that they resolve.
    path("", include("ops.urls")),
]

handler403 = "tenants.errors.forbidden"
handler404 = "tenants.errors.not_found"
