"""Copying a register or the controller details between one's organisations, as an export would."""

from __future__ import annotations

from typing import Any

from django_tenants.utils import schema_context

from registers import portable
from registers.models import Controller, Register
from tenants.models import AuditEvent, Membership, Organisation, Role, organisation_create
from tests.conftest import BASE, host_client, make_user
from tests.registers.document.test_document import full_controller, full_register

COPY = "/organisations/acme/registers/asiakkaat/copy/"


def exported(organisation: Organisation, slug: str) -> dict[str, Any]:
    with schema_context(organisation.schema_name):
        data = portable.register_to_dict(Register.objects.get(slug=slug))
    return {key: value for key, value in data.items() if key != "slug"}


def acme_register(acme: Organisation) -> None:
    with schema_context(acme.schema_name):
        full_controller()
        full_register(slug="asiakkaat")


def test_a_copy_holds_exactly_what_an_export_holds(acme, owner):
    acme_register(acme)
    beta = organisation_create(name="Beta Oy", slug="beta", owner=owner)

    response = host_client(BASE, owner).post(COPY, {"target": "beta", "slug": "asiakkaat-2"})

    assert response.status_code == 302
    assert response["Location"].startswith("http://beta.localhost:8000/accounts/handoff/")
    assert exported(beta, "asiakkaat-2") == exported(acme, "asiakkaat")
    event = AuditEvent.objects.get(organisation=beta, action="register.copied")
    assert event.user == owner
    assert event.detail == {
        "register": "asiakkaat-2",
        "source": "Acme Oy",
        "source_register": "asiakkaat",
    }


def test_a_copy_beside_the_original_needs_its_own_address(acme, owner):
    acme_register(acme)
    client = host_client(BASE, owner)

    taken = client.post(COPY, {"target": "acme", "slug": "asiakkaat"})
    beside = client.post(COPY, {"target": "acme", "slug": "asiakkaat-kopio"})

    assert taken.status_code == 400
    assert taken.context["form"].errors["slug"]
    assert beside.status_code == 302
    with schema_context(acme.schema_name):
        assert Register.objects.count() == 2


def test_a_viewer_of_the_target_cannot_copy_into_it(acme, owner, globex, outsider):
    acme_register(acme)
    Membership.objects.filter(organisation=globex, user=outsider).update(role=Role.VIEWER)
    Membership.objects.create(organisation=acme, user=outsider, role=Role.VIEWER)

    response = host_client(BASE, outsider).post(COPY, {"target": "globex", "slug": "kopio"})

    assert response.status_code == 400
    assert "target" in response.context["form"].errors
    with schema_context(globex.schema_name):
        assert not Register.objects.exists()
    assert not AuditEvent.objects.filter(action="register.copied").exists()


def test_nobody_copies_from_an_organisation_they_are_not_a_member_of(acme, owner, globex, outsider):
    acme_register(acme)
    client = host_client(BASE, outsider)  # globex's editor, not acme's

    shown = client.get(COPY)
    posted = client.post(COPY, {"target": "globex", "slug": "kopio"})

    assert shown.status_code == posted.status_code == 404
    with schema_context(globex.schema_name):
        assert not Register.objects.exists()


def test_a_register_of_another_organisation_is_not_found_through_ones_own(acme, owner, globex):
    with schema_context(globex.schema_name):
        full_register(slug="globexin")

    response = host_client(BASE, owner).get("/organisations/acme/registers/globexin/copy/")

    assert response.status_code == 404


def test_the_controller_details_copy_and_move_the_version_on(acme, owner):
    acme_register(acme)
    beta = organisation_create(name="Beta Oy", slug="beta", owner=owner)
    with schema_context(beta.schema_name):
        before = Controller.load().version
    client = host_client(BASE, owner)

    response = client.post("/organisations/acme/details/copy/", {"target": "beta"})

    assert response.status_code == 302
    with schema_context(acme.schema_name):
        source = portable.controller_to_dict(Controller.objects.get())
    with schema_context(beta.schema_name):
        copied = Controller.objects.get()
        assert portable.controller_to_dict(copied) == source
        assert copied.version == before + 1
    assert AuditEvent.objects.filter(organisation=beta, action="controller.copied").exists()


def test_an_organisation_without_details_has_nothing_to_copy(acme, owner):
    organisation_create(name="Beta Oy", slug="beta", owner=owner)

    response = host_client(BASE, owner).post(
        "/organisations/beta/details/copy/", {"target": "acme"}
    )

    assert response.status_code == 400
    assert "no details to copy" in response.content.decode()
    assert not AuditEvent.objects.filter(action="controller.copied").exists()


def test_the_copy_forms_offer_only_organisations_one_may_write_to(acme, owner, globex):
    reader = make_user("reader@example.fi")
    Membership.objects.create(organisation=globex, user=reader, role=Role.VIEWER)
    Membership.objects.create(organisation=acme, user=reader, role=Role.EDITOR)
    acme_register(acme)

    form = host_client(BASE, reader).get(COPY).context["form"]

    assert [value for value, _label in form.fields["target"].choices] == ["", "acme"]


def test_the_targets_audit_trail_tells_where_the_copy_came_from(acme, owner):
    acme_register(acme)
    beta = organisation_create(name="Beta Oy", slug="beta", owner=owner)
    host_client(BASE, owner).post(COPY, {"target": "beta", "slug": "asiakkaat"})

    trail = host_client(beta.host, owner, language="fi").get("/audit/").content.decode()

    assert "Rekisteri kopioitu toisesta organisaatiosta" in trail
    assert "Kopioitu organisaatiosta" in trail
    assert "Acme Oy" in trail
