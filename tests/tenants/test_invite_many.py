"""One invitation form for several organisations: a role in each, all or none, each audited."""

from __future__ import annotations

from django.test import override_settings

from tenants.models import AuditEvent, Invitation, Membership, Role, organisation_create
from tests.conftest import BASE, host_client, make_user

PAGE = "/organisations/invite/"


def test_one_form_invites_to_several_organisations_with_a_role_in_each(acme, owner, mailoutbox):
    beta = organisation_create(name="Beta Oy", slug="beta", owner=owner)
    organisation_create(name="Gamma Oy", slug="gamma", owner=owner)
    client = host_client(BASE, owner)

    response = client.post(
        PAGE,
        {
            "email": "Colleague@Example.fi",
            f"role_{acme.pk}": Role.EDITOR,
            f"role_{beta.pk}": Role.VIEWER,
        },
    )

    assert response.status_code == 302
    made = {i.organisation.slug: i.role for i in Invitation.objects.all()}
    assert made == {"acme": Role.EDITOR, "beta": Role.VIEWER}
    for organisation in (acme, beta):
        event = AuditEvent.objects.get(organisation=organisation, action="member_invited")
        assert event.detail["email"] == "colleague@example.fi"
    assert sorted(m.subject for m in mailoutbox) == [
        "You are invited to Acme Oy on Seloste",
        "You are invited to Beta Oy on Seloste",
    ]


def test_it_offers_only_the_organisations_one_owns(acme, owner, globex):
    Membership.objects.create(organisation=globex, user=owner, role=Role.EDITOR)

    form = host_client(BASE, owner).get(PAGE).context["form"]

    assert [name for name in form.fields if name.startswith("role_")] == [f"role_{acme.pk}"]


def test_an_organisation_not_owned_cannot_be_slipped_in(acme, owner, globex):
    response = host_client(BASE, owner).post(
        PAGE, {"email": "x@example.fi", f"role_{globex.pk}": Role.OWNER}
    )

    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_a_member_already_is_refused_at_that_organisation_and_nothing_is_sent(
    acme, owner, editor, mailoutbox
):
    beta = organisation_create(name="Beta Oy", slug="beta", owner=owner)

    response = host_client(BASE, owner).post(
        PAGE,
        {"email": editor.email, f"role_{acme.pk}": Role.OWNER, f"role_{beta.pk}": Role.EDITOR},
    )

    assert response.status_code == 400
    assert response.context["form"].errors[f"role_{acme.pk}"] == [
        "This person is already a member."
    ]
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@override_settings(SELOSTE_INVITATIONS_PER_HOUR=1)
def test_a_limit_in_one_organisation_refuses_them_all(acme, owner, mailoutbox):
    beta = organisation_create(name="Beta Oy", slug="beta", owner=owner)
    client = host_client(BASE, owner)
    client.post(PAGE, {"email": "first@example.fi", f"role_{beta.pk}": Role.EDITOR})

    response = client.post(
        PAGE,
        {"email": "second@example.fi", f"role_{acme.pk}": Role.EDITOR, f"role_{beta.pk}": "viewer"},
    )

    assert response.status_code == 400
    assert "in the last hour" in response.context["form"].errors[f"role_{beta.pk}"][0]
    assert list(Invitation.objects.values_list("email", flat=True)) == ["first@example.fi"]
    assert AuditEvent.objects.filter(action="member_invited").count() == 1


def test_choosing_no_organisation_is_said(acme, owner):
    response = host_client(BASE, owner, language="fi").post(PAGE, {"email": "x@example.fi"})

    assert response.status_code == 400
    assert "Valitse rooli vähintään yhdessä organisaatiossa." in response.content.decode()


def test_each_invitation_still_checks_the_invitees_email(acme, owner, mailoutbox):
    beta = organisation_create(name="Beta Oy", slug="beta", owner=owner)
    host_client(BASE, owner).post(
        PAGE,
        {"email": "colleague@example.fi", f"role_{acme.pk}": "editor", f"role_{beta.pk}": "editor"},
    )
    link = next(line for line in mailoutbox[0].body.splitlines() if "/invitations/" in line)
    path = link[link.index("/invitations/") :]
    someone_else = make_user("someone@example.fi")

    response = host_client(BASE, someone_else).post(path)

    assert response.status_code == 403
    assert not Membership.objects.filter(user=someone_else).exists()
