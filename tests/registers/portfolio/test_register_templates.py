"""Own templates: a register saved to start others from, in a workspace or an organisation."""

from __future__ import annotations

from typing import Any

from django_tenants.utils import schema_context

from registers import portable
from registers.models import Register
from registers.portfolio import register_templates
from tenants.models import AuditEvent, Membership, RegisterTemplate, Role, organisation_create
from tests.conftest import BASE, host_client, make_user
from tests.registers.document.test_document import full_controller, full_register

SAVE = "/organisations/acme/registers/asiakkaat/template/"
NEW = {"name_fi": "Uusi", "name_en": "New", "slug": "uusi", "languages": ["fi", "en", "sv"]}


def acme_register(acme: Any) -> None:
    with schema_context(acme.schema_name):
        full_controller()
        full_register(slug="asiakkaat")


def start_choices(client: Any) -> list[str]:
    form = client.get("/").context["form"]
    values = []
    for value, label in form.fields["start"].choices:
        values += [v for v, _l in label] if isinstance(label, list | tuple) else [value]
    return values


def test_a_template_of_ones_own_starts_a_register_in_another_organisation(acme, owner):
    acme_register(acme)
    beta = organisation_create(name="Beta Oy", slug="beta", owner=owner)

    saved = host_client(BASE, owner).post(SAVE, {"name": "Verkkokauppa", "keep": "mine"})
    template = RegisterTemplate.objects.get()
    beta_client = host_client(beta.host, owner)
    assert f"template-{template.pk}" in start_choices(beta_client)
    created = beta_client.post("/", {**NEW, "start": f"template-{template.pk}"})

    assert saved.status_code == 302
    assert created.status_code == 302
    with schema_context(acme.schema_name):
        original = portable.register_to_dict(Register.objects.get(slug="asiakkaat"))
    with schema_context(beta.schema_name):
        started = portable.register_to_dict(Register.objects.get(slug="uusi"))
    different = {"name", "slug"}
    assert {k: v for k, v in started.items() if k not in different} == {
        k: v for k, v in original.items() if k not in different
    }
    event = AuditEvent.objects.get(action="register.template_saved")
    assert event.organisation == acme
    assert event.detail == {"register": "asiakkaat", "template": "Verkkokauppa"}


def test_an_organisations_template_serves_its_members_and_nobody_else(
    acme, owner, editor, globex, outsider
):
    acme_register(acme)
    host_client(BASE, owner).post(SAVE, {"name": "Acmen pohja", "keep": "organisation"})
    template = RegisterTemplate.objects.get()
    Membership.objects.create(organisation=globex, user=editor, role=Role.EDITOR)

    editors = start_choices(host_client(globex.host, editor))
    outsiders = start_choices(host_client(globex.host, outsider))
    slipped = host_client(globex.host, outsider).post(
        "/", {**NEW, "start": f"template-{template.pk}"}
    )

    assert template.organisation == acme
    assert f"template-{template.pk}" in editors
    assert f"template-{template.pk}" not in outsiders
    assert slipped.status_code == 200
    assert "start" in slipped.context["form"].errors
    with schema_context(globex.schema_name):
        assert not Register.objects.exists()


def test_a_viewer_keeps_templates_only_in_their_own_workspace(acme, viewer):
    acme_register(acme)
    client = host_client(BASE, viewer)

    keep = client.get(SAVE).context["form"].fields["keep"].choices
    refused = client.post(SAVE, {"name": "Pohja", "keep": "organisation"})

    assert [value for value, _label in keep] == ["mine"]
    assert refused.status_code == 400
    assert not RegisterTemplate.objects.exists()


def test_nobody_saves_or_removes_a_template_of_an_organisation_they_are_not_in(
    acme, owner, globex, outsider
):
    acme_register(acme)
    host_client(BASE, owner).post(SAVE, {"name": "Acmen pohja", "keep": "organisation"})
    template = RegisterTemplate.objects.get()
    client = host_client(BASE, outsider)

    saved = client.post(SAVE, {"name": "Vohkittu", "keep": "mine"})
    removed = client.post(f"/organisations/templates/{template.pk}/delete/")

    assert saved.status_code == removed.status_code == 404
    assert list(RegisterTemplate.objects.values_list("name", flat=True)) == ["Acmen pohja"]


def test_removing_an_organisations_template_is_recorded(acme, owner):
    acme_register(acme)
    client = host_client(BASE, owner)
    client.post(SAVE, {"name": "Acmen pohja", "keep": "organisation"})
    template = RegisterTemplate.objects.get()

    response = client.post(f"/organisations/templates/{template.pk}/delete/")

    assert response.status_code == 302
    assert not RegisterTemplate.objects.exists()
    assert AuditEvent.objects.filter(organisation=acme, action="register.template_removed").exists()


def test_a_workspace_keeps_a_bounded_number_of_templates(acme, owner, monkeypatch):
    acme_register(acme)
    monkeypatch.setattr(register_templates, "MAX_TEMPLATES", 2)
    client = host_client(BASE, owner)
    for name in ("Yksi", "Kaksi"):
        client.post(SAVE, {"name": name, "keep": "mine"})

    response = client.post(SAVE, {"name": "Kolme", "keep": "mine"})

    assert response.status_code == 400
    assert "keep" in response.context["form"].errors
    assert RegisterTemplate.objects.count() == 2


def test_the_dashboard_lists_ones_templates(acme, owner):
    acme_register(acme)
    client = host_client(BASE, owner)
    client.post(SAVE, {"name": "Verkkokaupan pohja", "keep": "mine"})
    stranger = make_user("stranger@example.fi")

    mine = client.get("/organisations/").content.decode()
    theirs = host_client(BASE, stranger).get("/organisations/").content.decode()

    assert "Verkkokaupan pohja" in mine
    assert "Verkkokaupan pohja" not in theirs
