from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.models import Domain
from tests.conftest import host_client


def test_a_known_host_is_resolved_without_a_query_after_the_first(acme, owner):
    client = host_client(acme.host, owner)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/")

    assert not [q for q in queries.captured_queries if "tenants_domain" in q["sql"]]


def test_a_changed_domain_is_seen_at_once(acme, owner):
    client = host_client(acme.host, owner)
    assert client.get("/").status_code == 200

    Domain.objects.filter(tenant=acme).update(domain="renamed.localhost")
    Domain.objects.get(domain="renamed.localhost").save()  # signals fire on save, as in the admin

    assert client.get("/").status_code == 404
    assert host_client("renamed.localhost", owner).get("/").status_code == 200


def test_a_deleted_organisation_stops_answering(acme, globex):
    assert host_client(globex.host).get("/").status_code == 302
    globex.delete(force_drop=True)

    assert host_client(globex.host).get("/").status_code == 404
