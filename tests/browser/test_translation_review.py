"""Translations to review, clicked through in Chromium in English and in Finnish: a change to the
Finnish text marks the English one, publishing waits, the overview links to it, confirming it frees
publishing. Elements are found by ids, names and data attributes, so the same steps run in either
interface language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import App, slug_for
from tests.browser.helpers import (
    answer_the_interview,
    assert_accessible,
    create_register,
    fill_controller,
    open_overview,
    publish,
    save,
    sign_up,
    submit,
)

LOCALES = {"en": "en-GB", "fi": "fi-FI"}
REVISED_FI = "Tilausten toimittaminen ja niiden seuranta verkkokaupassamme."
MARK = "#id_purposes-0-description_1_review"


@pytest.fixture(params=list(LOCALES))
def ui(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def page(browser: Browser, ui: str) -> Iterator[Page]:
    context = browser.new_context(
        locale=LOCALES[ui], extra_http_headers={"Accept-Language": f"{ui},en;q=0.5"}
    )
    yield context.new_page()
    context.close()


def open_section(page: Page, section: str) -> None:
    page.locator(f"nav a.nav-link[href$='/edit/{section}/']").click()


def test_a_changed_finnish_text_holds_publishing_until_its_translation_is_confirmed(
    page: Page, app: App, ui: str, request: pytest.FixtureRequest
):
    slug, register = slug_for(request.node.name), "asiakkaat"
    sign_up(page, app, slug=slug, email=f"owner@{slug}.example")
    create_register(page, app, slug=slug, register=register, sector="web-shop")
    answer_the_interview(page)
    page.locator("aside a[href^='/controller/']").first.click()
    fill_controller(page)
    publish(page, app, slug=slug, register=register, summary="Ensimmäinen versio")
    open_overview(page, register)

    open_section(page, "purposes")
    page.locator("textarea[name='purposes-0-description_fi']").fill(REVISED_FI)
    save(page)
    mark = page.locator(MARK)
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("To review" if ui == "en" else "Tarkistettava")
    expect(page.locator("#id_purposes-0-description_1")).to_have_attribute(
        "aria-describedby", MARK[1:]
    )
    expect(page.locator("#id_purposes-0-description_0_review")).to_have_count(0)
    assert_accessible(page, f"translation-marked-{ui}")

    page.locator("nav a.nav-link[href$='/registers/asiakkaat/']").click()
    expect(page.locator("aside [data-code='SEL-TEXT-STALE']")).to_have_count(1)
    heading = page.locator("[data-review-language=en]")
    expect(heading).to_contain_text("English: 1" if ui == "en" else "Englanti: 1")
    expect(page.locator("#next-step ~ p a[href*='/edit/']").first).to_be_visible()
    assert_accessible(page, f"overview-to-review-{ui}")

    page.locator("nav a[href$='/publish/']").click()
    expect(page.locator("main form[method=post] #id_summary")).to_have_count(0)
    to_review = page.locator("[data-language=en] a[href$='#id_purposes-0-description_1']")
    expect(to_review).to_be_visible()
    assert_accessible(page, f"publish-to-review-{ui}")

    page.go_back()
    page.locator(".translations-to-review a[href$='#id_purposes-0-description_1']").click()
    expect(page.locator("#id_purposes-0-description_1:target")).to_have_count(1)
    page.locator(f"{MARK} button[name=confirm_translation]").click()
    expect(page.locator("main .alert-success[role=status]")).to_be_visible()
    expect(page.locator(MARK)).to_have_count(0)

    page.locator("nav a[href$='/publish/']").click()
    finnish = page.locator("[data-language=fi]")
    expect(finnish.locator("li").first).to_be_visible()
    expect(page.locator("[data-language=en] li")).to_have_count(0)
    page.locator("#id_summary").fill("Tarkennettu tarkoitus")
    submit(page)
    expect(page).to_have_url(app.org_url(slug, f"/registers/{register}/outputs/"))
    expect(page.locator("main .alert-success")).to_contain_text("2")
