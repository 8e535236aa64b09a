"""Refusals and missing pages inside the site, in the reader's language."""

from __future__ import annotations

from django.urls import reverse

from registers.models import Register
from tests.conftest import host_client


def test_an_editor_refused_the_history_is_told_the_role_and_the_owners(acme, editor, in_acme):
    Register.objects.create(slug="customers", name={"en": "Customers"}, languages=["en"])
    client = host_client(acme.host, editor)

    response = client.get(reverse("register_history", kwargs={"slug": "customers"}))

    body = response.content.decode()
    assert response.status_code == 403
    assert "This page needs the role “Owner”" in body
    assert "owner@acme.example" in body


def test_the_refusal_is_in_finnish_for_a_finnish_reader(acme, viewer, in_acme):
    client = host_client(acme.host, viewer, language="fi")

    response = client.get(reverse("audit_trail"))

    body = response.content.decode()
    assert response.status_code == 403
    assert "Sinulla ei ole pääsyä tälle sivulle" in body
    assert '<html lang="fi">' in body
    assert "Forbidden" not in body


def test_an_outsider_is_not_told_who_the_owners_are(acme, outsider_client):
    response = outsider_client.get(reverse("register_list"))

    body = response.content.decode()
    assert response.status_code == 403
    assert "owner@acme.example" not in body
    assert "not a member of this organisation" in body


def test_a_missing_page_is_inside_the_site_and_in_swedish(acme, viewer, in_acme):
    client = host_client(acme.host, viewer, language="sv")

    response = client.get(reverse("register_overview", kwargs={"slug": "nobody"}))

    body = response.content.decode()
    assert response.status_code == 404
    assert "Sidan hittades inte" in body
    assert "Tillbaka till registren" in body
    assert reverse("members") in body
