"""An agency with three client organisations: the dashboard, a copy between clients, one invitation
form for two of them, and a template of one client's register started in another. Only clicks
after the sign-up page, in Finnish and in English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import App, slug_for
from tests.browser.helpers import PASSWORD, assert_accessible, submit

LOCALES = {"en": "en-GB", "fi": "fi-FI"}
TEXT: dict[str, dict[str, str | re.Pattern[str]]] = {
    "en": {
        "unpublished": "Not published yet",
        "errors": re.compile(r"errors? blocks? publishing"),
        "invited": "Invitation to",
    },
    "fi": {
        "unpublished": "Ei vielä julkaistu",
        "errors": re.compile(r"estää julkaisun"),
        "invited": "Kutsu organisaatioon",
    },
}


@pytest.fixture(params=list(LOCALES))
def ui(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def agency(browser: Browser, ui: str) -> Iterator[Page]:
    context = browser.new_context(
        locale=LOCALES[ui], extra_http_headers={"Accept-Language": f"{ui},en;q=0.5"}
    )
    yield context.new_page()
    context.close()


def open_the_dashboard(page: Page) -> None:
    page.locator("header button.dropdown-toggle").click()
    page.locator("header a.dropdown-item[href='/organisations/']").click()
    expect(page.locator("main h1")).to_be_visible()


def new_organisation(page: Page, *, name: str, slug: str) -> None:
    page.locator("header button.dropdown-toggle").click()
    page.locator("header a.dropdown-item[href='/organisations/new/']").click()
    page.locator("#id_name").fill(name)
    page.locator("#id_slug").fill(slug)
    submit(page)
    expect(page.locator("#id_slug")).to_be_visible()  # the new client's register list


def test_an_agency_sees_its_clients_copies_between_them_and_invites_a_colleague(
    agency: Page, app: App, ui: str, request: pytest.FixtureRequest
):
    page, base = agency, slug_for(request.node.name)
    first, second, third = (f"{base[:30]}-{n}" for n in ("a", "b", "c"))
    page.goto(app.url("/"))
    page.locator("main a[href='/signup/']").click()
    page.locator("#id_name").fill("Asiakas A Oy")
    page.locator("#id_slug").fill(first)
    page.locator("#id_email").fill(f"agency@{base}.example")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    submit(page)
    page.locator("input[name=name_fi]").fill("Verkkokaupan asiakasrekisteri")
    page.locator("input[name=name_en]").fill("Web shop customer register")
    page.locator("#id_slug").fill("asiakkaat")
    page.locator("input[name=languages][value=fi]").check()
    page.locator("input[name=languages][value=en]").check()
    page.locator("#id_start").select_option("web-shop")
    submit(page)
    new_organisation(page, name="Asiakas B Oy", slug=second)
    new_organisation(page, name="Asiakas C Oy", slug=third)

    open_the_dashboard(page)
    row = page.locator(f"section[data-organisation='{first}'] tr[data-register=asiakkaat]")
    expect(row).to_contain_text(TEXT[ui]["unpublished"])
    expect(row).to_contain_text(TEXT[ui]["errors"])
    expect(page.locator(f"section[data-organisation='{third}']")).to_be_visible()
    assert_accessible(page, f"portfolio-{ui}")

    row.locator("a[href$='/copy/']").click()
    page.locator("#id_target").select_option(second)
    page.locator("#id_slug").fill("asiakkaat-kopio")
    submit(page)
    expect(page).to_have_url(app.org_url(second, "/registers/asiakkaat-kopio/"))

    open_the_dashboard(page)
    copied = page.locator(
        f"section[data-organisation='{second}'] tr[data-register=asiakkaat-kopio]"
    )
    expect(copied).to_contain_text(TEXT[ui]["errors"])
    copied.locator("th a").click()
    expect(page).to_have_url(app.org_url(second, "/registers/asiakkaat-kopio/"))

    open_the_dashboard(page)
    page.locator("main a[href='/organisations/invite/']").click()
    page.locator("#id_email").fill(f"colleague@{base}.example")
    page.locator("main fieldset, main form").first.wait_for()
    page.get_by_label("Asiakas A Oy").select_option("editor")
    page.get_by_label("Asiakas C Oy").select_option("viewer")
    assert_accessible(page, f"invite-many-{ui}")
    submit(page)
    expect(page).to_have_url(re.compile(r"/organisations/$"))
    expect(page.locator("main .alert-success, .alert-success")).to_have_count(2)
    expect(page.get_by_text(TEXT[ui]["invited"]).first).to_be_visible()

    # The first client's register kept as the agency's own template, started in the third client.
    page.locator(
        f"section[data-organisation='{first}'] tr[data-register=asiakkaat] a[href$='/template/']"
    ).click()
    page.locator("#id_name").fill("Verkkokaupan pohja")
    page.locator("input[name=keep][value=mine]").check()
    submit(page)
    expect(page.locator("main [data-template]")).to_contain_text("Verkkokaupan pohja")
    page.locator(f"#org-{third} a").click()
    page.locator("input[name=name_fi]").fill("Asiakkaat pohjasta")
    page.locator("input[name=name_en]").fill("Customers from the template")
    page.locator("#id_slug").fill("pohjasta")
    page.locator("input[name=languages][value=fi]").check()
    page.locator("input[name=languages][value=en]").check()
    page.locator("#id_start").select_option(label="Verkkokaupan pohja")
    submit(page)
    expect(page).to_have_url(re.compile(rf"//{third}\.[^/]+/registers/pohjasta/"))
    open_the_dashboard(page)
    badge = "td .badge.text-bg-danger"
    original = page.locator(f"section[data-organisation='{first}'] tr[data-register=asiakkaat]")
    started = page.locator(f"section[data-organisation='{third}'] tr[data-register=pohjasta]")
    # The template brought the web shop's answers: as many errors block it as the original
    # (an empty register has other errors).
    expect(started.locator(badge)).to_have_text(original.locator(badge).inner_text())
