"""axe-core (WCAG 2.2 A and AA) on the pages a newcomer meets, keyboard use, and a phone's width."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ARTIFACTS, App, Published
from tests.browser.helpers import assert_accessible, click_to, submit


@pytest.fixture
def owner(browser: Browser, published: Published) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", storage_state=published.storage_state)
    yield context.new_page()
    context.close()


EDITOR_PAGES = [
    ("/", "register-list"),
    ("/controller/", "controller"),
    ("/registers/{register}/edit/basics/", "editor-basics"),
    ("/registers/{register}/edit/purposes/", "editor-purposes"),
    ("/registers/{register}/edit/categories/", "editor-categories"),
    ("/registers/{register}/edit/retention/", "editor-retention"),
    ("/registers/{register}/publish/", "publish"),
    ("/registers/{register}/outputs/", "outputs"),
    ("/members/", "members"),
]


def test_the_editor_pages_and_the_checklist_are_accessible(
    owner: Page, app: App, published: Published
):
    owner.goto(app.org_url(published.slug, "/"))
    for path, name in EDITOR_PAGES:
        click_to(owner, published.register, path.format(register=published.register))
        assert_accessible(owner, name)


def test_form_errors_and_a_checklist_full_of_errors_are_accessible(
    owner: Page, app: App, published: Published
):
    owner.goto(app.org_url(published.slug, "/"))
    submit(owner)
    expect(owner.locator("main .errorlist").first).to_be_visible()
    assert_accessible(owner, "register-list-errors")

    owner.locator("input[name=name_fi]").fill("Tyhjä rekisteri")
    owner.locator("#id_slug").fill("tyhja")
    owner.locator("input[name=languages][value=fi]").check()
    submit(owner)
    # A new register opens at the interview; leaving it, its overview carries the checklist.
    owner.locator("main a[href='/registers/tyhja/']").last.click()
    expect(owner.locator("aside .checklist-error").first).to_be_visible()
    assert_accessible(owner, "checklist-errors")
    owner.locator("nav a[href='/registers/tyhja/publish/']").click()
    expect(owner.locator("#id_summary, main .alert-danger").first).to_be_visible()
    assert_accessible(owner, "publish-refused")


PUBLIC_PAGES = [
    pytest.param("/notices/{register}/fi/", id="notice-fi"),
    pytest.param("/notices/{register}/en/", id="notice-en"),
    pytest.param("/notices/{register}/archive/", id="archive"),
    pytest.param("/notices/{register}/compare/1/2/fi/", id="compare"),
    pytest.param("/embed/{register}/fi/frame/", id="embed-frame"),
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_the_public_notice_pages_are_accessible(
    page: Page, app: App, published: Published, path: str, request: pytest.FixtureRequest
):
    page.goto(app.org_url(published.slug, path.format(register=published.register)))
    assert_accessible(page, request.node.callspec.id.removeprefix("chromium-"))


def tab_to(page: Page, condition: str, limit: int = 400) -> None:
    """Press Tab until the focused element meets `condition` (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean({condition}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def test_the_editor_works_by_keyboard_alone(owner: Page, app: App, published: Published):
    owner.goto(app.org_url(published.slug, f"/registers/{published.register}/edit/sources/"))
    tab_to(owner, "el.tagName === 'TEXTAREA' && el.lang === 'en'")
    first_name = owner.evaluate("document.activeElement.name")
    # The end of the whole text: "End" alone stops at the end of a wrapped line.
    owner.keyboard.press("Control+End")
    owner.keyboard.type(" (checked)")
    tab_to(owner, "el.dataset.addRow === 'sources'")
    owner.keyboard.press("Enter")
    new_name = owner.evaluate("document.activeElement.name")
    assert re.fullmatch(r"sources-\d+-description_fi", new_name), new_name
    owner.keyboard.type("Luottotietorekisteri")
    tab_to(owner, "el.name === 'save' && el.classList.contains('btn-primary')")
    owner.keyboard.press("Enter")

    expect(owner.locator("main .alert-success[role=status]")).to_be_visible()
    expect(owner.locator(f"textarea[name='{first_name}']")).to_have_value(
        re.compile(r"\(checked\)$")
    )
    expect(owner.locator("[data-formset=sources] textarea[lang=fi]").last).to_have_value(
        "Luottotietorekisteri"
    )


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_hosted_notice_fits_a_phone(browser: Browser, app: App, published: Published, language):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(app.org_url(published.slug, f"/notices/{published.register}/{language}/"))
    page.screenshot(path=ARTIFACTS / f"notice-phone-{language}.png", full_page=True)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    context.close()
    assert widths[0] <= widths[1], widths


FINNISH_PAGES = [
    ("/", "fi-landing", False),
    ("/signup/", "fi-signup", False),
    ("/accounts/login/", "fi-login", False),
    ("/registers/{register}/edit/purposes/", "fi-editor-purposes", True),
]


def test_the_pages_are_accessible_in_finnish(browser: Browser, app: App, published: Published):
    for path, name, on_organisation in FINNISH_PAGES:
        context = browser.new_context(
            locale="fi-FI",
            extra_http_headers={"Accept-Language": "fi"},
            storage_state=published.storage_state if on_organisation else None,
        )
        page = context.new_page()
        url = path.format(register=published.register)
        page.goto(app.org_url(published.slug, url) if on_organisation else app.url(url))
        expect(page.locator("html")).to_have_attribute("lang", "fi")
        assert_accessible(page, name)
        context.close()
