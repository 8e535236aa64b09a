"""Log-in, log-out, password change and reset, the header's switcher and the operators' admin."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model

from tenants.models import AuditEvent, Membership, Organisation, Role
from tests.conftest import PASSWORD, host_client

NEW = "another long passphrase"


def test_logging_in_by_email_in_any_case_is_audited(acme, owner):
    client = host_client(acme.host)

    response = client.post(
        "/accounts/login/", {"username": "Owner@Acme.Example", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    event = AuditEvent.objects.get(action="login")
    assert (event.user, event.organisation) == (owner, acme)


def test_logging_in_on_the_public_site_leads_to_the_organisations(public_client, owner):
    response = public_client.post(
        "/accounts/login/", {"username": owner.email, "password": PASSWORD}
    )

    assert response["Location"] == "/organisations/"
    assert AuditEvent.objects.filter(action="login", user=owner, organisation=None).exists()


def test_a_wrong_password_is_refused_and_audited(acme, owner):
    response = host_client(acme.host).post(
        "/accounts/login/", {"username": owner.email, "password": "wrong"}
    )

    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="login").exists()
    assert AuditEvent.objects.filter(action="login_failed").exists()


def test_logging_out_ends_the_session(owner_client):
    owner_client.post("/accounts/logout/")

    assert owner_client.get("/members/").status_code == 302


def test_a_password_change_ends_the_users_other_sessions(acme, owner):
    here, elsewhere = host_client(acme.host, owner), host_client(acme.host, owner)

    response = here.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )

    assert response.status_code == 302
    assert here.get("/members/").status_code == 200
    assert elsewhere.get("/members/").status_code == 302
    assert AuditEvent.objects.filter(action="password_changed", user=owner).exists()


def test_a_password_reset_mails_a_link_that_works(acme, owner, mailoutbox):
    client = host_client("localhost")

    client.post("/accounts/reset/", {"email": "OWNER@acme.example"})

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [owner.email]
    found = re.search(r"https?://\S+/reset/\S+/", mailoutbox[0].body)
    assert found is not None
    link = urlsplit(found.group(0))
    form_url = client.get(link.path)["Location"]
    done = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/accounts/reset/done/"
    owner.refresh_from_db()
    assert owner.check_password(NEW)
    assert AuditEvent.objects.filter(action="password_reset", user=owner).exists()
    assert client.get(link.path, follow=True).context["validlink"] is False


def test_a_password_reset_for_an_unknown_address_sends_nothing(db, mailoutbox):
    response = host_client("localhost").post("/accounts/reset/", {"email": "nobody@example.fi"})

    assert response.status_code == 302
    assert mailoutbox == []


def test_the_header_switcher_lists_the_users_organisations(owner, acme, globex):
    Membership.objects.create(user=owner, organisation=globex, role=Role.VIEWER)

    content = host_client(acme.host, owner).get("/members/").content.decode()

    assert "Globex Ab" in content
    assert 'href="/organisations/go/globex/"' in content
    assert 'aria-current="page"' in content


def test_the_organisation_list_shows_only_the_users_organisations(owner, acme, globex):
    content = host_client("localhost", owner).get("/organisations/").content.decode()

    assert "Acme Oy" in content
    assert "Globex Ab" not in content


def test_a_logged_in_user_adds_an_organisation_from_an_organisations_host(owner_client, owner):
    response = owner_client.post("/organisations/new/", {"name": "Acme Two", "slug": "acme-two"})

    assert response["Location"].startswith("http://acme-two.localhost:8000/accounts/handoff/")
    organisation = Organisation.objects.get(slug="acme-two")
    assert Membership.objects.get(organisation=organisation).user == owner


def test_operators_see_organisations_in_the_admin_but_cannot_add_one(acme):
    operator = get_user_model().objects.create_superuser(
        "ops@example.fi", "ops@example.fi", PASSWORD
    )
    client = host_client("localhost", operator)

    listing = client.get("/admin/tenants/organisation/")

    assert "Acme Oy" in listing.content.decode()
    assert "org_template" not in listing.content.decode()
    assert client.get("/admin/tenants/organisation/add/").status_code == 403
    for model in ["membership", "invitation", "auditevent", "domain"]:
        assert client.get(f"/admin/tenants/{model}/").status_code == 200


def test_members_cannot_open_the_admin(owner):
    response = host_client("localhost", owner).get("/admin/tenants/organisation/")

    assert response.status_code == 302
