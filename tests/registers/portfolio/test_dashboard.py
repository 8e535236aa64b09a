"""The portfolio dashboard: every organisation of the user, where each register stands."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from registers.models import Register
from registers.portfolio.status import STATE_HOOKS
from registers.publishing.versions import register_publish
from tenants.models import Membership, Organisation, Role, organisation_create
from tests.conftest import BASE, host_client
from tests.registers.document.test_document import full_controller, full_register, tr


def published_and_draft(organisation: Organisation, user: Any) -> None:
    """A published register and a fresh draft with errors."""
    with schema_context(organisation.schema_name):
        full_controller()
        register = full_register(slug="asiakkaat")
        assert register_publish(register=register, user=user, summary="First") is not None
        Register.objects.create(
            slug="uutiskirje", name=tr("Uutiskirje", "Newsletter", "Nyhetsbrev"), languages=["fi"]
        )


def organisations_of(user: Any, count: int, prefix: str = "client") -> list[Organisation]:
    made = []
    for index in range(count):
        organisation = organisation_create(
            name=f"Client {prefix} {index}", slug=f"{prefix}-{index}", owner=user
        )
        with schema_context(organisation.schema_name):
            Register.objects.create(
                slug="asiakkaat", name=tr("Asiakkaat", "Customers", "Kunder"), languages=["fi"]
            )
        made.append(organisation)
    return made


def test_it_shows_each_registers_status_in_every_organisation(acme, owner, globex):
    published_and_draft(acme, owner)
    other = organisation_create(name="Beta Oy", slug="beta", owner=owner)

    body = host_client(BASE, owner).get("/organisations/").content.decode()

    assert "Acme Oy" in body
    assert "Beta Oy" in body
    assert "Customer register" in body
    assert "Version 1," in body
    assert "Newsletter" in body
    assert "Not published yet" in body
    assert "errors block publishing" in body
    assert "No registers yet." in body  # beta's
    assert other.name in body
    assert "Globex" not in body


def test_it_speaks_finnish(acme, owner):
    published_and_draft(acme, owner)

    body = host_client(BASE, owner, language="fi").get("/organisations/").content.decode()

    assert "Asiakasrekisteri" in body
    assert "Versio 1," in body
    assert "Ei vielä julkaistu" in body


def test_it_reads_each_organisation_in_one_query(owner):
    organisations_of(owner, 3, prefix="few")
    client = host_client(BASE, owner)
    client.get("/organisations/")  # the checker's counts are remembered from here on
    with CaptureQueriesContext(connection) as few:
        client.get("/organisations/")
    organisations_of(owner, 12, prefix="many")
    client.get("/organisations/")
    with CaptureQueriesContext(connection) as many:
        client.get("/organisations/")

    # django-tenants sets the search path before every statement, on every page alike. Each
    # organisation costs its registers' query and one per state hook (the reviews waiting).
    assert len(reads(many)) - len(reads(few)) == 12 * (1 + len(STATE_HOOKS))


def reads(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SET ")]


def test_a_register_changed_outside_the_editor_is_checked_again(acme, owner):
    client = host_client(BASE, owner)
    with schema_context(acme.schema_name):
        register = Register.objects.create(
            slug="uutiskirje", name=tr("Uutiskirje", "Newsletter", "Nyhetsbrev"), languages=["fi"]
        )
    before = client.get("/organisations/").context["cards"][0]["registers"][0]["register"]
    with schema_context(acme.schema_name):
        full_controller()
        register.delete()
        register = full_register(slug="uutiskirje")
    after = client.get("/organisations/").context["cards"][0]["registers"][0]["register"]

    assert before.errors > 0
    assert after.errors == 0


def test_search_and_filters_narrow_the_list(acme, owner):
    published_and_draft(acme, owner)
    organisations_of(owner, 2)
    client = host_client(BASE, owner)

    by_name = client.get("/organisations/", {"q": "newsl"}).content.decode()
    by_state = client.get("/organisations/", {"state": "published"}).content.decode()
    by_role = client.get("/organisations/", {"role": Role.VIEWER}).content.decode()

    assert "Newsletter" in by_name
    assert "Customer register" not in by_name
    assert 'data-organisation="client-0"' not in by_name
    assert "Customer register" in by_state
    assert "Newsletter" not in by_state
    assert 'data-organisation="acme"' not in by_role
    assert "Nothing matches the search." in by_role


def test_a_filter_the_form_does_not_offer_is_said_at_the_field(owner, acme):
    response = host_client(BASE, owner).get("/organisations/", {"state": "deleted"})

    assert response.status_code == 200
    assert 'id="state-error"' in response.content.decode()


def test_one_click_opens_the_registers_overview_on_its_host(acme, owner):
    published_and_draft(acme, owner)
    client = host_client(BASE, owner)
    row = client.get("/organisations/").context["cards"][0]["registers"][0]

    handoff = client.get(row["open_url"])["Location"]
    assert urlsplit(handoff).hostname == "acme.localhost"
    landed = host_client(acme.host).get(f"{urlsplit(handoff).path}?{urlsplit(handoff).query}")

    assert landed["Location"] == "/registers/asiakkaat/"


def test_the_switch_goes_nowhere_but_the_organisations_host(acme, owner):
    client = host_client(BASE, owner)

    handoff = client.get("/organisations/go/acme/", {"next": "//evil.example/"})["Location"]
    token = parse_qs(urlsplit(handoff).query)["t"][0]
    landed = host_client(acme.host).get("/accounts/handoff/", {"t": token})

    assert landed["Location"] == "/"


def test_a_non_member_sees_none_of_an_organisations_registers(acme, owner, globex, outsider):
    published_and_draft(globex, Membership.objects.get(organisation=globex, role="owner").user)

    body = host_client(BASE, owner).get("/organisations/", {"q": "customer"}).content.decode()

    assert "Globex" not in body
    assert "Customer register" not in body


def test_the_portfolio_pages_are_never_stored_by_a_cache(acme, owner):
    published_and_draft(acme, owner)
    client = host_client(BASE, owner)

    for path in (
        "/organisations/",
        "/organisations/acme/registers/asiakkaat/copy/",
        "/organisations/acme/details/copy/",
        "/organisations/invite/",
    ):
        cache_control = client.get(path)["Cache-Control"]
        assert "no-store" in cache_control, path
        assert "private" in cache_control, path
