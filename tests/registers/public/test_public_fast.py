"""The embed fast path: memoised outputs answered before sessions and auth, per organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django_tenants.utils import schema_context

from registers.models import Controller
from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from tenants.models import Organisation
from tests.conftest import host_client
from tests.registers.document.test_document import full_controller, full_register

FAST = "registers.public.fast.EmbedFastPathMiddleware"
FRAGMENT = "/embed/asiakkaat/fi/fragment.html"


@pytest.fixture(autouse=True)
def fast_path(settings: Any) -> None:
    forget_served()
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index("tenants.middleware.CachedTenantMiddleware") + 1, FAST)
    settings.MIDDLEWARE = middleware


def publish(organisation: Organisation, owner: Any, legal_name: str) -> None:
    with schema_context(organisation.schema_name):
        full_controller()
        Controller.objects.update(legal_name=legal_name)
        assert register_publish(register=full_register(), user=owner, summary="") is not None


def test_the_fast_path_answers_as_the_view_does(acme: Organisation, owner: Any) -> None:
    publish(acme, owner, "Acme Oy")
    reader = host_client(acme.host)
    first = reader.get(FRAGMENT)  # a miss: the view answers and memoises
    second = reader.get(FRAGMENT)  # a hit: answered before the rest of the stack
    assert "Vary" in first
    assert "Vary" not in second
    assert second.content == first.content
    for header in ("ETag", "Cache-Control", "Access-Control-Allow-Origin", "Content-Type"):
        assert second[header] == first[header], header
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert not second.cookies
    again = reader.get(FRAGMENT, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_each_organisation_gets_its_own_memoised_fragment(
    acme: Organisation, globex: Organisation, owner: Any
) -> None:
    publish(acme, owner, "Acme Oy")
    publish(globex, owner, "Globex Ab")
    for _ in range(2):
        assert "Acme Oy" in host_client(acme.host).get(FRAGMENT).content.decode()
        globex_fragment = host_client(globex.host).get(FRAGMENT).content.decode()
        assert "Globex Ab" in globex_fragment
        assert "Acme Oy" not in globex_fragment


def test_the_fast_path_serves_no_draft(acme: Organisation) -> None:
    with schema_context(acme.schema_name):
        full_controller()
        full_register()
    for _ in range(2):
        assert host_client(acme.host).get(FRAGMENT).status_code == 404
