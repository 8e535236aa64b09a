"""A numbered version replaced by a newer one says so, without changing its stored bytes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from registers.models import Register, VersionOutput
from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from tenants.models import Organisation
from tests.conftest import host_client
from tests.registers.document.test_document import full_controller, full_register

BANNER = "notice-superseded"


@pytest.fixture(autouse=True)
def served_afresh() -> None:
    forget_served()


@pytest.fixture
def reader(acme: Organisation) -> Client:
    return host_client(acme.host)


def publish_twice(owner: Any) -> Register:
    full_controller()
    register = full_register()
    register_publish(register=register, user=owner, summary="First")
    register.security = {**register.security, "fi": "Lukitut tilat ja salatut levyt."}
    register.save()
    assert register_publish(register=register, user=owner, summary="Second") is not None
    forget_served()
    return register


def test_a_replaced_version_says_so_and_links_the_current_one(in_acme, owner, reader):
    publish_twice(owner)
    stored = VersionOutput.objects.get(version__number=1, language="fi").page

    old = reader.get("/notices/asiakkaat/fi/v1/")
    current = reader.get("/notices/asiakkaat/fi/v2/")
    latest = reader.get("/notices/asiakkaat/fi/")

    body = old.content.decode()
    assert BANNER in body
    assert "Tämä on versio 1. Se ei ole enää voimassa" in body
    assert 'href="/notices/asiakkaat/fi/"' in body.split(BANNER, 1)[1]
    assert BANNER not in current.content.decode()
    assert BANNER not in latest.content.decode()
    assert VersionOutput.objects.get(version__number=1, language="fi").page == stored
    assert BANNER not in stored
    assert old["Cache-Control"] == "public, max-age=31536000, immutable"
    assert (
        old["ETag"]
        != f'"{VersionOutput.objects.get(version__number=1, language="fi").version.content_hash}"'
    )


def test_the_banner_is_in_the_pages_language(in_acme, owner, reader):
    publish_twice(owner)

    swedish = reader.get("/notices/asiakkaat/sv/v1/").content.decode()
    english = reader.get("/notices/asiakkaat/en/v1/").content.decode()

    assert "Detta är version 1. Den gäller inte längre" in swedish
    assert "This is version 1. It is no longer in force" in english


def test_the_current_numbered_version_is_revalidated_not_cached_for_a_year(in_acme, owner, reader):
    full_controller()
    register_publish(register=full_register(), user=owner, summary="First")

    response = reader.get("/notices/asiakkaat/fi/v1/")

    assert "immutable" not in response["Cache-Control"]
