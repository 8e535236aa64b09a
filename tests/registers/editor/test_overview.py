"""The register's overview: where it stands, the one next step, and asking an owner to publish."""

from __future__ import annotations

import re

from django.urls import reverse

from registers.models import Register
from registers.publishing.versions import register_publish
from tenants.models import AuditEvent
from tests.registers.document.test_document import full_controller, full_register


def overview_url(slug: str) -> str:
    return reverse("register_overview", kwargs={"slug": slug})


def publishable(slug: str = "asiakkaat") -> Register:
    full_controller()
    return full_register(slug=slug)


def test_a_draft_with_errors_leads_to_the_first_page_with_an_error(editor_client, in_acme):
    Register.objects.create(slug="customers", name={"en": "Customers"}, languages=["en"])

    response = editor_client.get(overview_url("customers"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Draft" in body
    target = r"/(controller|registers/customers/edit/[a-z]+)/[^\"]*"
    assert re.search(f'class="btn btn-primary" href="{target}">Continue<', body)
    assert "Ask an owner to publish" not in body


def test_a_publishable_register_offers_the_owner_publish(owner_client, in_acme):
    publishable()

    body = owner_client.get(overview_url("asiakkaat")).content.decode()

    assert reverse("register_publish", kwargs={"slug": "asiakkaat"}) in body
    assert reverse("register_outputs", kwargs={"slug": "asiakkaat"}) in body
    assert reverse("register_preview", kwargs={"slug": "asiakkaat", "lang": "sv"}) in body
    assert reverse("data_import") in body
    assert ">Continue<" not in body


def test_a_published_register_says_its_version_and_whether_the_draft_changed(
    owner_client, owner, in_acme
):
    register = publishable()
    register_publish(register=register, user=owner, summary="")

    unchanged = owner_client.get(overview_url("asiakkaat")).content.decode()
    register.security = {**register.security, "en": "Locked rooms and encrypted disks."}
    register.save()
    changed = owner_client.get(overview_url("asiakkaat")).content.decode()

    assert "version 1" in unchanged
    assert "up to date" in unchanged
    assert "Unpublished changes" not in unchanged
    assert "Unpublished changes" in changed
    assert reverse("notice_archive", kwargs={"slug": "asiakkaat"}) in changed


def test_the_register_list_shows_each_registers_status(owner_client, owner, in_acme):
    register = publishable()
    register_publish(register=register, user=owner, summary="")
    Register.objects.create(slug="draft", name={"en": "Newsletter"}, languages=["en"])

    body = owner_client.get(reverse("register_list")).content.decode()

    assert overview_url("asiakkaat") in body
    assert overview_url("draft") in body
    assert "version 1" in body
    assert "Draft" in body
    assert "error" in body


def test_an_editor_asks_the_owners_who_are_mailed_and_see_the_request(
    editor_client, owner_client, acme, in_acme, mailoutbox
):
    publishable()
    page = editor_client.get(overview_url("asiakkaat")).content.decode()

    response = editor_client.post(reverse("register_ask_publish", kwargs={"slug": "asiakkaat"}))

    assert "Ask an owner to publish" in page
    assert "owner@acme.example" in page
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["owner@acme.example"]]
    assert "editor@acme.example" in mailoutbox[0].body
    assert overview_url("asiakkaat") in mailoutbox[0].body
    event = AuditEvent.objects.get(organisation=acme, action="register.publish_requested")
    assert event.detail == {"register": "asiakkaat"}
    owner_page = owner_client.get(overview_url("asiakkaat")).content.decode()
    assert "Requests to publish" in owner_page
    assert "editor@acme.example asked on" in owner_page


def test_a_request_is_no_longer_shown_once_the_register_is_published(
    editor_client, owner_client, owner, in_acme
):
    register = publishable()
    editor_client.post(reverse("register_ask_publish", kwargs={"slug": "asiakkaat"}))
    register_publish(register=register, user=owner, summary="")

    assert "Requests to publish" not in owner_client.get(overview_url("asiakkaat")).content.decode()


def test_a_viewer_can_read_the_overview_but_not_ask(viewer_client, in_acme):
    publishable()

    body = viewer_client.get(overview_url("asiakkaat")).content.decode()
    refused = viewer_client.post(reverse("register_ask_publish", kwargs={"slug": "asiakkaat"}))

    assert "Ask an owner to publish" not in body
    assert refused.status_code == 403


def test_the_address_of_the_import_page_cannot_name_a_register(editor_client, in_acme):
    data = {"name_en": "Import", "slug": "import", "languages": ["en"], "start": ""}

    response = editor_client.post(reverse("register_list"), data)

    assert response.status_code == 200
    assert "This address is reserved" in response.content.decode()
    assert not Register.objects.filter(slug="import").exists()
