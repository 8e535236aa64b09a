"""Every editor page laid out in Chromium at a laptop's and a phone's width.

Nothing is wider than the window, no checkbox or radio button sits on its label's text, and a
failed save puts the focus on the error summary. The new pages are checked with axe as well.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from registers.editor.sections import SECTIONS
from tests.browser.conftest import App, Published
from tests.browser.helpers import OVERLAPS, assert_accessible, click_to

PAGES = (
    "/",
    "/controller/",
    "/registers/{register}/",
    *(f"/registers/{{register}}/edit/{section}/" for section in SECTIONS),
    "/registers/{register}/history/",
    "/registers/{register}/publish/",
    "/registers/{register}/outputs/",
    "/registers/{register}/preview/fi/",
    "/registers/import/",
    "/members/",
    "/audit/",
)
WIDTHS = (1366, 390)


@pytest.fixture
def owner(browser: Browser, published: Published) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", storage_state=published.storage_state)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_editor_page_is_wider_than_the_window_or_covers_a_label(
    owner: Page, app: App, published: Published, width: int
):
    problems = []
    owner.goto(app.org_url(published.slug, "/"))
    for path in PAGES:
        # Clicked at a laptop's width (a phone's folds the navigation), then measured at ``width``.
        owner.set_viewport_size({"width": WIDTHS[0], "height": 900})
        click_to(owner, published.register, path.format(register=published.register))
        owner.set_viewport_size({"width": width, "height": 900})
        scroll = owner.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"{path}: {scroll} px wide in a {width} px window")
        problems += [f"{path}: {overlap}" for overlap in owner.evaluate(OVERLAPS)]
    assert problems == [], "\n".join(problems)


def test_a_failed_save_focuses_the_error_summary(owner: Page, app: App, published: Published):
    owner.goto(app.org_url(published.slug, f"/registers/{published.register}/edit/rights/"))
    owner.locator("#id_rights_email").fill("not an address")
    owner.locator("main form[method=post] button.btn-primary[type=submit]").last.click()

    summary = owner.locator("#error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(owner.locator("#id_rights_email")).to_be_in_viewport()
    assert_accessible(owner, "error-summary")


@pytest.mark.parametrize(
    "path",
    ["/registers/{register}/", "/registers/{register}/preview/fi/", "/registers/import/"],
)
def test_the_new_pages_are_accessible(owner: Page, app: App, published: Published, path: str):
    owner.goto(app.org_url(published.slug, path.format(register=published.register)))
    assert_accessible(owner, path.strip("/").replace("/", "-").replace("{register}", "register"))


def test_the_legitimate_interest_is_asked_only_under_6_1_f(
    owner: Page, app: App, published: Published
):
    owner.goto(app.org_url(published.slug, f"/registers/{published.register}/edit/purposes/"))
    basis = owner.locator("#id_purposes-0-basis")
    interest = owner.locator('[data-show-when="basis"]').first

    basis.select_option("A6-1-b")
    expect(interest).to_be_hidden()
    basis.select_option("A6-1-f")
    expect(interest).to_be_visible()
