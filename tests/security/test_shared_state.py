"""Nothing kept outside the database schemas (cache, memoised outputs, task queue) crosses over."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django_tenants.utils import schema_context

from registers.models import Register, VersionOutput
from tenants.models import Organisation
from tenants.queue.tasks import NoOrganisation, tenant_task
from tests.conftest import host_client
from tests.security.conftest import publish_in


@tenant_task
def registers_here() -> list[str]:
    """A task that reads the organisation's data: which registers does it see?"""
    return [str(connection.schema_name), *Register.objects.values_list("slug", flat=True)]  # type: ignore[attr-defined]


def test_cache_keys_carry_the_organisation(acme: Organisation, globex: Organisation) -> None:
    with schema_context(acme.schema_name):
        cache.set("greeting", "acme's secret")
        key = cache.make_key("greeting")
    with schema_context(globex.schema_name):
        assert cache.get("greeting") is None
        assert cache.make_key("greeting") != key
    assert acme.schema_name in key


def test_the_same_address_in_two_organisations_serves_each_its_own_notice(
    acme: Organisation, globex: Organisation, owner: Any, outsider: Any
) -> None:
    """Published outputs are memoised in the process: the memo must know the organisation."""
    publish_in(acme, "asiakkaat", owner)
    publish_in(globex, "asiakkaat", outsider, marker="Zorbulon")
    for _ in range(2):  # the second round is served from the memo
        acme_page = host_client(acme.host).get("/notices/asiakkaat/en/").content.decode()
        globex_page = host_client(globex.host).get("/notices/asiakkaat/en/").content.decode()
        assert "Zorbulon" not in acme_page
        assert "Zorbulon" in globex_page


def test_published_outputs_live_in_their_organisations_schema(
    acme: Organisation, globex: Organisation, owner: Any
) -> None:
    publish_in(acme, "asiakkaat", owner)
    with schema_context(acme.schema_name):
        assert VersionOutput.objects.count() == 3
    with schema_context(globex.schema_name):
        assert VersionOutput.objects.count() == 0


def test_a_task_runs_in_the_organisation_that_enqueued_it(
    acme: Organisation, globex: Organisation, owner: Any, outsider: Any
) -> None:
    publish_in(globex, "zb-reg", outsider, marker="Zorbulon")
    with schema_context(acme.schema_name):
        Register.objects.create(slug="acme-only", name={"en": "A"}, languages=["en"])
        result = registers_here.enqueue()
    assert result.args[0] == acme.schema_name
    assert result.return_value == [acme.schema_name, "acme-only"]
    with schema_context(globex.schema_name):
        assert registers_here.enqueue().return_value == [globex.schema_name, "zb-reg"]


def test_a_task_enqueued_outside_an_organisation_is_refused(db: Any) -> None:
    with pytest.raises(NoOrganisation):
        registers_here.enqueue()
