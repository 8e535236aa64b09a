from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_playwright_axe import OPTIONS_WCAG_22AA, Axe

from tests.browser.conftest import ARTIFACTS, App

PASSWORD = "a long and unusual passphrase"


def sign_up(page: Page, app: App, *, slug: str, email: str, name: str = "Koe Oy") -> None:
    page.goto(app.url("/signup/"))
    page.get_by_label("Organisation name").fill(name)
    page.get_by_label("Address").fill(slug)
    page.get_by_label("Your email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create").click()
    expect(page).to_have_url(app.org_url(slug, "/"))


def log_in(page: Page, app: App, *, slug: str, email: str) -> None:
    page.goto(app.org_url(slug, "/accounts/login/"))
    page.get_by_label("Username").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def assert_accessible(page: Page, name: str) -> None:
    """axe-core's WCAG 2.2 A and AA rules find nothing on the page as it is now."""
    report = Axe(output_directory=ARTIFACTS / "axe").run(
        page, filename=name, options=OPTIONS_WCAG_22AA, report_on_violation_only=True
    )
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in report["violations"]]
    assert violations == [], violations
