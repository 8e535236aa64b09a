from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import App, slug_for
from tests.browser.helpers import PASSWORD, assert_accessible, sign_up


def test_public_pages_are_accessible(page: Page, app: App):
    for path, name in [("/", "landing"), ("/signup/", "signup"), ("/accounts/login/", "login")]:
        page.goto(app.url(path))
        assert_accessible(page, name)


def test_sign_up_errors_are_announced_at_the_field(page: Page, app: App):
    page.goto(app.url("/signup/"))
    page.get_by_label("Address").fill("www")
    page.get_by_role("button", name="Create").click()

    expect(page.get_by_text("This address is reserved")).to_be_visible()
    assert_accessible(page, "signup-errors")


def test_a_newcomer_signs_up_and_invites_a_viewer_who_can_only_read(
    page: Page, browser: Browser, app: App, request
):
    slug = slug_for(request.node.name)
    sign_up(page, app, slug=slug, email=f"owner@{slug}.example")
    expect(page.get_by_role("heading", name="Registers")).to_be_visible()

    page.get_by_role("link", name="Members").click()
    page.locator("#id_email").fill(f"viewer@{slug}.example")
    page.locator("#id_role").select_option("viewer")
    page.get_by_role("button", name="Invite").click()
    link = page.get_by_label("Invitation link (also sent by email)").input_value()

    viewer = browser.new_context(locale="en-GB").new_page()
    viewer.goto(link)
    viewer.locator("#id_password1").fill(PASSWORD)
    viewer.locator("#id_password2").fill(PASSWORD)
    viewer.get_by_role("button", name="Create account and accept").click()
    expect(viewer).to_have_url(app.org_url(slug, "/"))
    viewer.get_by_role("link", name="Members").click()
    expect(viewer.get_by_role("button", name="Invite")).to_have_count(0)
    expect(viewer.get_by_role("button", name="Remove")).to_have_count(0)
