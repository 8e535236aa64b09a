"""A published register in acme, and metrics read the way Prometheus reads them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_tenants.utils import schema_context
from prometheus_client.parser import text_string_to_metric_families

from registers.models import Register
from tests.registers.document.test_document import full_controller, full_register

TOKEN = "metrics-token-of-the-tests-0123456789abcdef"


@pytest.fixture
def register(acme: Any) -> Register:
    """A register with nothing missing, not yet published."""
    with schema_context(acme.schema_name):
        full_controller()
        return full_register()


@pytest.fixture
def metrics_on(settings: Any) -> str:
    settings.SELOSTE_METRICS_TOKEN = TOKEN
    return TOKEN


def scrape() -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample at /metrics/, by name and labels."""
    response = Client(HTTP_HOST="10.20.30.40").get(
        "/metrics/", HTTP_AUTHORIZATION=f"Bearer {TOKEN}"
    )
    assert response.status_code == 200
    text = response.content.decode()
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)
