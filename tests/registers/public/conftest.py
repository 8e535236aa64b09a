"""What the public tests share: a published register and a reader with no login."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from registers.models import Version
from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from tenants.models import Organisation
from tests.conftest import host_client
from tests.registers.document.test_document import full_controller, full_register


@pytest.fixture(autouse=True)
def served_afresh() -> None:
    """Each test's database starts empty, so no output memoised by an earlier test may show."""
    forget_served()


@pytest.fixture
def version(in_acme: Organisation, owner: Any) -> Version:
    full_controller()
    published = register_publish(register=full_register(), user=owner, summary="First")
    assert published is not None
    return published


@pytest.fixture
def reader(acme: Organisation) -> Client:
    """Anyone on the internet: no login."""
    return host_client(acme.host)
