from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from tenants.models import AuditEvent, Domain, Membership, Organisation, Role
from tests.conftest import host_client

GOOD = {
    "name": "Example Clinic Oy",
    "slug": "example-clinic",
    "email": "founder@example.fi",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


def schema_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [name])
        return cursor.fetchone() is not None


def test_sign_up_creates_a_working_organisation(public_client):
    response = public_client.post("/signup/", GOOD)

    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="example-clinic")
    assert schema_exists("org_example_clinic")
    assert Domain.objects.get(tenant=organisation).domain == "example-clinic.localhost"
    membership = Membership.objects.get(organisation=organisation)
    assert membership.role == Role.OWNER
    assert membership.user.email == "founder@example.fi"
    # The hand-off link logs the new owner in on the organisation's own host.
    assert response["Location"].startswith("http://example-clinic.localhost:8000/accounts/handoff/")
    tenant_client = host_client("example-clinic.localhost")
    landed = tenant_client.get(response["Location"].split(":8000", 1)[1])
    assert landed["Location"] == "/"
    members = tenant_client.get("/members/")
    assert members.status_code == 200
    assert b"Example Clinic Oy" in members.content
    assert b"founder@example.fi" in members.content
    assert AuditEvent.objects.filter(
        action="organisation_created", organisation=organisation
    ).exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"slug": "www"}, "slug", "reserved"),
        ({"slug": "ab"}, "slug", "3"),
        ({"slug": "Bad_Slug"}, "slug", "lower-case"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"password1": "password", "password2": "password"}, "password1", "too common"),
        ({"password2": "something else entirely"}, "password2", "differ"),
        ({"name": ""}, "name", "required"),
        ({"slug": "org-template"}, "slug", "reserved"),
        ({"slug": "xn--bcher-kva"}, "slug", "reserved"),
        ({"password1": "Xq7#kLm", "password2": "Xq7#kLm"}, "password1", "too short"),
    ],
)
def test_it_refuses_bad_sign_up_input_and_creates_nothing(public_client, change, field, message):
    response = public_client.post("/signup/", {**GOOD, **change})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not Organisation.objects.filter(slug=GOOD["slug"]).exists()
    assert not get_user_model().objects.filter(username=GOOD["email"]).exists()


def test_it_refuses_a_taken_slug(public_client, acme):
    response = public_client.post("/signup/", {**GOOD, "slug": "acme"})

    assert "already taken" in " ".join(response.context["form"].errors["slug"])
    assert Organisation.objects.customers().count() == 1


def test_an_address_in_capitals_is_taken_in_lower_case(public_client):
    public_client.post("/signup/", {**GOOD, "slug": "Example-Clinic"})

    assert Organisation.objects.filter(slug="example-clinic").exists()


def test_an_email_with_an_account_is_refused(public_client, owner):
    response = public_client.post("/signup/", {**GOOD, "email": "OWNER@acme.example"})

    assert "Log in" in " ".join(response.context["form"].errors["email"])
    assert not Organisation.objects.filter(slug=GOOD["slug"]).exists()


def test_a_logged_in_user_is_sent_to_add_an_organisation(owner):
    response = host_client("localhost", owner).get("/signup/")

    assert response["Location"] == "/organisations/new/"


def test_sign_up_messages_speak_finnish(db):
    client = host_client("localhost", language="fi")
    response = client.post("/signup/", {**GOOD, "slug": "www", "email": "no email"})

    errors = response.context["form"].errors
    assert "Tämä osoite on varattu" in " ".join(errors["slug"])
    assert "sähköpostiosoite" in " ".join(errors["email"])
    assert not get_user_model().objects.exists()


def test_sign_up_messages_speak_swedish(acme):
    client = host_client("localhost", language="sv")
    response = client.post("/signup/", {**GOOD, "slug": "acme"})

    assert "Adressen används redan" in " ".join(response.context["form"].errors["slug"])


def test_an_unknown_host_is_not_found(db):
    assert host_client("nobody.localhost").get("/").status_code == 404
