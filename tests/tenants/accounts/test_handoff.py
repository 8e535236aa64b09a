"""The hand-off link: a login carried to one organisation's host, once and briefly."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.core import signing

from tenants.accounts import handoff
from tests.conftest import host_client


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_the_link_logs_the_member_in_on_the_organisations_host(owner, acme):
    link = handoff.handoff_url(user=owner, organisation=acme, next_path="/members/")
    client = host_client(acme.host)

    response = client.get(path_of(link))

    assert response["Location"] == "/members/"
    assert client.get("/members/").status_code == 200


def test_the_link_works_once(owner, acme):
    link = path_of(handoff.handoff_url(user=owner, organisation=acme))
    host_client(acme.host).get(link)
    thief = host_client(acme.host)

    response = thief.get(link)

    assert response["Location"] == "/accounts/login/"
    assert thief.get("/members/").status_code == 302


def test_a_link_for_another_organisation_is_refused(owner, acme, globex):
    link = path_of(handoff.handoff_url(user=owner, organisation=acme))
    client = host_client(globex.host)

    assert client.get(link)["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


class OldSigner(signing.TimestampSigner):
    """Signs as if two minutes ago."""

    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time()) - 120)


def test_an_expired_link_is_refused(owner, acme):
    token = OldSigner(salt=handoff.SALT).sign_object(
        {"u": owner.pk, "o": acme.pk, "n": "x", "p": "/"}, compress=True
    )
    client = host_client(acme.host)

    assert client.get(f"/accounts/handoff/?t={token}")["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_a_forged_link_is_refused(owner, acme):
    token = signing.dumps({"u": owner.pk, "o": acme.pk, "n": "x", "p": "/"}, salt="other")

    assert host_client(acme.host).get(f"/accounts/handoff/?t={token}").status_code == 302
    assert handoff.redeem(token, organisation=acme) is None


def test_a_link_for_someone_no_longer_a_member_is_refused(editor, acme):
    link = path_of(handoff.handoff_url(user=editor, organisation=acme))
    editor.memberships.all().delete()

    assert host_client(acme.host).get(link).status_code == 403


def test_the_next_path_stays_on_the_host(owner, acme):
    for target in ["//evil.example/", "https://evil.example/", "/\\evil.example"]:
        link = path_of(handoff.handoff_url(user=owner, organisation=acme, next_path=target))
        assert host_client(acme.host).get(link)["Location"] == "/"


def test_the_switcher_hands_off_to_another_organisation(owner, acme, globex):
    from tenants.models import Membership, Role

    Membership.objects.create(user=owner, organisation=globex, role=Role.VIEWER)
    response = host_client(acme.host, owner).get("/organisations/go/globex/")

    assert response["Location"].startswith("http://globex.localhost:8000/accounts/handoff/")
    client = host_client(globex.host)
    client.get(path_of(response["Location"]))
    assert client.get("/members/").status_code == 200
