from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from tenants.models import Domain, Membership, Organisation, Role
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
    landed = tenant_client.get(response["Location"].split(":8000", 1)[1], follow=True)
    assert landed.status_code == 200
    assert b"Example Clinic Oy" in landed.content


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


def test_sign_up_messages_speak_finnish(db):
    client = host_client("localhost", language="fi")
    response = client.post("/signup/", {**GOOD, "slug": "www"})

    assert "varattu" in " ".join(response.context["form"].errors["slug"])


def test_an_unknown_host_is_not_found(db):
    assert host_client("nobody.localhost").get("/").status_code == 404
