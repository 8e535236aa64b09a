"""HTTP odds and ends: numbered versions start at 1, NULs in queries, drafts never stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import BASE, host_client
from tests.security.conftest import ACME_REGISTER


@pytest.mark.parametrize(
    "path",
    [
        f"/notices/{ACME_REGISTER}/fi/v0/",
        f"/notices/{ACME_REGISTER}/fi/v0.pdf",
        f"/notices/{ACME_REGISTER}/fi/v0.json",
        f"/notices/{ACME_REGISTER}/fi/v01/",
        f"/notices/{ACME_REGISTER}/fi/v99999999999/",
        f"/embed/{ACME_REGISTER}/fi/v0.js",
        f"/embed/{ACME_REGISTER}/fi/v0/fragment.html",
        f"/embed/{ACME_REGISTER}/fi/v0/frame/",
    ],
)
def test_version_zero_is_not_the_latest(acme: Any, acme_published: Any, path: str) -> None:
    reader = host_client(acme.host)
    reader.get(f"/embed/{ACME_REGISTER}/fi/fragment.html")  # the fast path's memo is filled

    response = reader.get(path)

    assert response.status_code == 404
    assert "immutable" not in response.get("Cache-Control", "")


def test_a_nul_in_an_admin_list_filter_is_a_bad_request(acme: Any) -> None:
    staff = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "x")
    client = host_client(BASE, staff)

    for query in ("action=%00", "q=%00", "organisation__id__exact=1%00"):
        response = client.get(f"/admin/tenants/auditevent/?{query}")
        assert response.status_code == 400, query


@pytest.mark.parametrize(
    "path",
    [
        "/",
        f"/registers/{ACME_REGISTER}/edit/basics/",
        f"/registers/{ACME_REGISTER}/export.json",
        "/organisation/export.json",
        f"/registers/{ACME_REGISTER}/preview/fi/",
        "/members/",
    ],
)
def test_draft_pages_are_never_stored_by_a_cache(
    owner_client: Any, acme_published: Any, path: str
) -> None:
    response = owner_client.get(path, follow=True)

    assert response.status_code == 200, path
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control, path
    assert "no-store" in cache_control, path
