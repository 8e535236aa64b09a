"""Leaving: an owner deletes the organisation after taking its backup; it is offline at once,
restorable during the grace period, and gone after it, with the trail of it kept."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.admin.sites import site
from django.test import Client, RequestFactory
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists

from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from tenants.leaving import GRACE, purge
from tenants.models import AuditEvent, Membership, Organisation
from tests.conftest import PASSWORD
from tests.registers.document.test_document import full_controller, full_register


def published(acme: Organisation, owner: Any) -> None:
    with schema_context(acme.schema_name):
        full_controller()
        assert register_publish(register=full_register(), user=owner, summary="") is not None
    forget_served()


def delete(client: Client, acme: Organisation, **data: str) -> Any:
    return client.post(
        "/organisation/delete/", {"address": acme.slug, "password": PASSWORD, **data}
    )


def test_deleting_needs_a_fresh_backup_first(acme: Organisation, owner_client: Client) -> None:
    page = owner_client.get("/organisation/delete/")
    assert b"Download the organisation" in page.content
    assert delete(owner_client, acme).status_code == 200
    assert Organisation.objects.get(pk=acme.pk).deletion_requested_at is None
    owner_client.get("/organisation/export.json")
    assert delete(owner_client, acme, address="wrong", password="wrong").status_code == 200
    assert Organisation.objects.get(pk=acme.pk).deletion_requested_at is None
    response = delete(owner_client, acme, address="wrong", password="wrong")
    assert response.context["form"].errors == {
        "address": [f"Type {acme.slug} exactly."],
        "password": ["The password is not right."],
    }


def test_a_deleted_organisation_goes_offline_and_an_owner_can_cancel(
    acme: Organisation, owner: Any, owner_client: Client, editor_client: Client
) -> None:
    published(acme, owner)
    reader = Client(HTTP_HOST=acme.host)
    assert reader.get("/notices/asiakkaat/fi/").status_code == 200
    owner_client.get("/organisation/export.json")
    assert delete(owner_client, acme)["Location"] == "/organisation/deletion/"
    forget_served()
    assert reader.get("/notices/asiakkaat/fi/").status_code == 404
    assert reader.get("/embed/asiakkaat/fi/fragment.html").status_code == 404
    assert reader.get("/organisation/deletion/").status_code == 404
    assert editor_client.get("/")["Location"] == "/organisation/deletion/"
    status = editor_client.get("/organisation/deletion/").content.decode()
    assert "Only an owner can cancel" in status
    assert editor_client.post("/organisation/deletion/restore/").status_code == 403
    assert owner_client.post("/organisation/deletion/restore/").status_code == 302
    assert reader.get("/notices/asiakkaat/fi/").status_code == 200
    actions = set(AuditEvent.objects.filter(organisation=acme).values_list("action", flat=True))
    assert {"organisation.deletion_requested", "organisation.restored"} <= actions


def test_operators_restore_within_the_grace_period(acme: Organisation, owner: Any) -> None:
    Organisation.objects.filter(pk=acme.pk).update(deletion_requested_at=timezone.now())
    admin = site._registry[Organisation]
    request = RequestFactory().post("/admin/")
    request.user = owner
    admin.restore_organisations(request, Organisation.objects.filter(pk=acme.pk))  # type: ignore[attr-defined]
    assert Organisation.objects.get(pk=acme.pk).deletion_requested_at is None


def test_the_grace_period_ends_in_deletion_with_its_trail_kept(
    acme: Organisation, owner: Any, globex: Organisation
) -> None:
    requested = timezone.now() - GRACE - datetime.timedelta(minutes=1)
    Organisation.objects.filter(pk=acme.pk).update(deletion_requested_at=requested)
    Organisation.objects.filter(pk=globex.pk).update(deletion_requested_at=timezone.now())
    assert purge() == [acme.slug]
    assert not Organisation.objects.filter(pk=acme.pk).exists()
    assert not schema_exists(acme.schema_name)
    assert not Membership.objects.filter(organisation_id=acme.pk).exists()
    assert schema_exists(globex.schema_name)
    event = AuditEvent.objects.get(action="organisation.deleted")
    assert event.organisation is None
    assert event.detail["slug"] == acme.slug
