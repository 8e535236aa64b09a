"""URLs of an organisation's host (<slug>.<base domain>)."""

from __future__ import annotations

from django.urls import include, path

from tenants import views
from tenants.urls import common

urlpatterns = [
    path("", include("registers.urls")),
    path("", include("registers.public_urls")),
    path("", include("registers.publish_urls")),
    path("accounts/handoff/", views.handoff_receive, name="handoff"),
    path("members/", views.members, name="members"),
    path("members/invite/", views.invite, name="invite"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("members/invitations/<int:pk>/cancel/", views.invitation_cancel, name="invitation_cancel"),
    path("audit/", views.audit_trail, name="audit_trail"),
    *common,
    # Answered by ops.middleware before the host is looked up; here so that they resolve.
    path("", include("ops.urls")),
]
