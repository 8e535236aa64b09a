"""URLs of an organisation's own host name (``privacy.example.fi``): its public outputs only.

No log-in, editor, members or admin exist here: the host serves readers, and a session or a
form on a host we do not hold the certificate of would be a weaker copy of the real ones.
"""

from __future__ import annotations

from django.urls import include, path

from tenants.branding.urls import public as branding_files

urlpatterns = [
    path("", include("registers.public.urls")),
    *branding_files,
    # Answered by ops.middleware before the host is looked up; here so that they resolve.
    path("", include("ops.urls")),
]

handler404 = "tenants.hosts.views.not_found"
