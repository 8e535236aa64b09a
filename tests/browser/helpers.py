from __future__ import annotations

import urllib.request

from playwright.sync_api import Page, expect
from pytest_playwright_axe import OPTIONS_WCAG_22AA, Axe

from tests.browser.conftest import ARTIFACTS, App

PASSWORD = "a long and unusual passphrase"


def submit(page: Page) -> None:
    """Press the main form's submit button, whatever the interface language calls it."""
    page.locator("main form[method=post] button[type=submit]").last.click()


def sign_up(page: Page, app: App, *, slug: str, email: str, name: str = "Koe Oy") -> None:
    # Fields by their ids: the labels change with the interface language.
    page.goto(app.url("/signup/"))
    page.locator("#id_name").fill(name)
    page.locator("#id_slug").fill(slug)
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    submit(page)
    expect(page).to_have_url(app.org_url(slug, "/"))


def log_in(page: Page, app: App, *, slug: str, email: str) -> None:
    page.goto(app.org_url(slug, "/accounts/login/"))
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    submit(page)


def assert_accessible(page: Page, name: str) -> None:
    """axe-core's WCAG 2.2 A and AA rules find nothing on the page as it is now."""
    report = Axe(output_directory=ARTIFACTS / "axe").run(
        page, filename=name, options=OPTIONS_WCAG_22AA, report_on_violation_only=True
    )
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in report["violations"]]
    assert violations == [], violations


def save(page: Page) -> None:
    """The editor's visible Save button (a hidden one first in the form makes Enter save)."""
    page.locator("main form[method=post] button.btn-primary[type=submit]").last.click()
    expect(page.locator("main .alert-success[role=status]")).to_be_visible()


def create_register(page: Page, app: App, *, slug: str, register: str, sector: str) -> None:
    """A Finnish and English register from a sector template, through the register list's form."""
    page.goto(app.org_url(slug, "/"))
    page.locator("input[name=name_fi]").fill("Verkkokaupan asiakasrekisteri")
    page.locator("input[name=name_en]").fill("Web shop customer register")
    page.locator("#id_slug").fill(register)
    page.locator("input[name=languages][value=fi]").check()
    page.locator("input[name=languages][value=en]").check()
    page.locator("#id_start").select_option(sector)
    submit(page)
    expect(page).to_have_url(app.org_url(slug, f"/registers/{register}/edit/basics/"))


def fill_controller(page: Page) -> None:
    """The controller page's required contact details (the page must be open)."""
    page.locator("#id_legal_name").fill("Koe Oy")
    page.locator("#id_street_address").fill("Mäkelänkatu 12 A")
    page.locator("#id_postal_code").fill("00510")
    page.locator("#id_city").fill("Helsinki")
    page.locator("#id_email").fill("tietosuoja@koe.example")
    page.locator("#id_contact_name").fill("Päivi Äijälä")
    page.locator("#id_contact_email").fill("paivi@koe.example")
    save(page)


def answer_the_effective_date(page: Page, app: App, slug: str, register: str) -> None:
    """The one answer a template leaves open; the checklist links to its question."""
    page.goto(app.org_url(slug, f"/registers/{register}/edit/basics/"))
    page.locator("aside a[href$='#id_effective_date']").click()
    expect(page.locator("#id_effective_date:target")).to_have_count(1)
    page.locator("#id_effective_date").fill("2026-03-01")
    save(page)


def publish(page: Page, app: App, *, slug: str, register: str, summary: str) -> None:
    page.goto(app.org_url(slug, f"/registers/{register}/publish/"))
    expect(page.locator("main .alert-danger")).to_have_count(0)
    page.locator("#id_summary").fill(summary)
    submit(page)
    expect(page).to_have_url(app.org_url(slug, f"/registers/{register}/outputs/"))


def fetch(app: App, slug: str, path: str, cookies: str = "") -> tuple[dict[str, str], bytes]:
    """GET from an organisation's host outside the browser (loopback, with its Host header):
    not every resolver maps `*.localhost` to loopback as Chromium does."""
    headers = {"Host": f"{slug}.localhost:{app.port}", "Accept-Language": "fi"}
    if cookies:
        headers["Cookie"] = cookies
    request = urllib.request.Request(f"http://127.0.0.1:{app.port}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return dict(response.headers), response.read()
