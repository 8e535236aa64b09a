"""A custom host name: added by an owner, verified by a file they place, then serving the public
outputs of that organisation and nothing else."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import Client

from registers.publishing.served import forget_served
from tenants.hosts.check import NotVerified, check_token
from tenants.models import AuditEvent, CustomHost, Domain, Organisation
from tests.conftest import host_client
from tests.security.conftest import ACME_REGISTER, publish_in

HOST = "privacy.example.fi"


class Site:
    """The owner's own web server: it serves whatever file body the test puts here."""

    body = b""
    status = 200


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        ok = self.path == "/.well-known/seloste-verification.txt" and self.headers["Host"] == HOST
        status = Site.status if ok else 404
        self.send_response(status)
        self.end_headers()
        self.wfile.write(Site.body if status == 200 else b"")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def owners_site(settings: Any) -> Iterator[type[Site]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SELOSTE_HOST_CHECK_SCHEME = "http"
    settings.SELOSTE_HOST_CHECK_PORT = server.server_address[1]
    settings.SELOSTE_HOST_CHECK_RESOLVE = {HOST: "127.0.0.1"}
    Site.body, Site.status = b"", 200
    yield Site
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def served_afresh() -> None:
    forget_served()


def add_host(client: Client, host: str = HOST) -> Any:
    return client.post("/organisation/host/", {"host": host})


def verified(acme: Organisation, client: Client, site: type[Site]) -> CustomHost:
    add_host(client)
    custom = CustomHost.objects.get(organisation=acme)
    site.body = custom.token.encode() + b"\n"
    client.post("/organisation/host/verify/")
    custom.refresh_from_db()
    assert custom.verified_at is not None
    return custom


def test_an_owner_adds_a_host_and_sees_the_file_to_place(
    acme: Organisation, owner_client: Client, owners_site: type[Site]
) -> None:
    assert add_host(owner_client, " Privacy.Example.FI. ").status_code == 302
    custom = CustomHost.objects.get(organisation=acme)
    assert custom.host == HOST
    assert custom.verified_at is None
    page = owner_client.get("/organisation/host/").content.decode()
    assert "/.well-known/seloste-verification.txt" in page
    assert custom.token in page
    assert AuditEvent.objects.filter(action="custom_host.added", organisation=acme).exists()


def test_a_wrong_token_does_not_verify(
    acme: Organisation, owner_client: Client, owners_site: type[Site]
) -> None:
    add_host(owner_client)
    owners_site.body = b"somebody else's token"
    response = owner_client.post("/organisation/host/verify/", follow=True)
    assert "does not hold the verification code" in response.content.decode()
    assert CustomHost.objects.get(organisation=acme).verified_at is None
    assert not Domain.objects.filter(domain=HOST).exists()


def test_a_missing_file_says_what_answered(
    acme: Organisation, owner_client: Client, owners_site: type[Site]
) -> None:
    add_host(owner_client)
    owners_site.status = 404
    response = owner_client.post("/organisation/host/verify/", follow=True)
    assert "(HTTP 404)" in response.content.decode()


def test_the_right_token_verifies_and_is_audited(
    acme: Organisation, owner_client: Client, owners_site: type[Site]
) -> None:
    verified(acme, owner_client, owners_site)
    assert Domain.objects.get(domain=HOST).tenant_id == acme.pk
    assert AuditEvent.objects.filter(action="custom_host.verified", organisation=acme).exists()


def test_a_verified_host_serves_only_the_public_outputs(
    acme: Organisation, owner: Any, owner_client: Client, owners_site: type[Site]
) -> None:
    publish_in(acme, ACME_REGISTER, owner)
    verified(acme, owner_client, owners_site)
    reader = Client(HTTP_HOST=HOST)
    assert reader.get(f"/notices/{ACME_REGISTER}/en/").status_code == 200
    assert reader.get(f"/notices/{ACME_REGISTER}/en.pdf").status_code == 200
    assert reader.get(f"/embed/{ACME_REGISTER}/en.js").status_code == 200
    assert reader.get(f"/notices/{ACME_REGISTER}/archive/").status_code == 200
    for path in ["/", "/accounts/login/", "/controller/", "/members/", "/admin/", "/signup/"]:
        assert reader.get(path).status_code == 404, path
    # A member's session is no key to the editor there either.
    member = host_client(HOST, owner)
    assert member.get("/controller/").status_code == 404
    assert member.get("/organisation/host/").status_code == 404


def test_an_unverified_host_answers_nothing(
    acme: Organisation, owner: Any, owner_client: Client, owners_site: type[Site]
) -> None:
    publish_in(acme, ACME_REGISTER, owner)
    add_host(owner_client)
    assert Client(HTTP_HOST=HOST).get(f"/notices/{ACME_REGISTER}/en/").status_code == 404
    assert Client(HTTP_HOST="unknown.example").get("/").status_code == 404


def test_a_host_belongs_to_one_organisation_only(
    acme: Organisation,
    globex: Organisation,
    owner_client: Client,
    owners_site: type[Site],
) -> None:
    from tenants.models import Membership, Role

    add_host(owner_client)
    globex_owner = Membership.objects.get(organisation=globex, role=Role.OWNER).user
    response = add_host(host_client(globex.host, globex_owner))
    assert "already in use" in response.content.decode()
    assert not CustomHost.objects.filter(organisation=globex).exists()


@pytest.mark.parametrize(
    "host", ["acme.localhost", "localhost", "10.0.0.1", "-bad-.example", "nodot", "a" * 64 + ".fi"]
)
def test_names_that_prove_nothing_are_refused(
    acme: Organisation, owner_client: Client, host: str
) -> None:
    response = add_host(owner_client, host)
    assert response.status_code == 200
    assert not CustomHost.objects.exists()


def test_a_name_on_a_private_address_is_never_fetched(settings: Any) -> None:
    settings.SELOSTE_HOST_CHECK_RESOLVE = {}
    with pytest.raises(NotVerified) as refusal:
        check_token("localhost", "token")
    assert refusal.value.code == "not_public"


def test_the_tls_question_is_answered_for_verified_hosts_only(
    acme: Organisation, owner_client: Client, owners_site: type[Site]
) -> None:
    ask = Client(HTTP_HOST="10.1.2.3")
    assert ask.get("/tls/allowed/", {"domain": HOST}).status_code == 404
    add_host(owner_client)
    assert ask.get("/tls/allowed/", {"domain": HOST}).status_code == 404
    verified(acme, owner_client, owners_site)
    assert ask.get("/tls/allowed/", {"domain": HOST}).status_code == 200
    assert ask.get("/tls/allowed/", {"domain": "other.example.fi"}).status_code == 404


def test_removing_the_host_stops_it_answering(
    acme: Organisation, owner: Any, owner_client: Client, owners_site: type[Site]
) -> None:
    publish_in(acme, ACME_REGISTER, owner)
    verified(acme, owner_client, owners_site)
    assert owner_client.post("/organisation/host/remove/").status_code == 302
    assert Client(HTTP_HOST=HOST).get(f"/notices/{ACME_REGISTER}/en/").status_code == 404
    assert not Domain.objects.filter(domain=HOST).exists()
    assert AuditEvent.objects.filter(action="custom_host.removed", organisation=acme).exists()


def test_only_owners_manage_the_host(acme: Organisation, editor_client: Client) -> None:
    assert editor_client.get("/organisation/host/").status_code == 403
    assert add_host(editor_client).status_code == 403
    assert not CustomHost.objects.exists()
