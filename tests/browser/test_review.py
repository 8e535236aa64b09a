"""An agency's review round and an organisation's deletion, by clicking only after the first page.

The review round runs in English with two browser contexts (the editor and the owner); the
deletion in Finnish.
"""

from __future__ import annotations

import urllib.error

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import App, slug_for
from tests.browser.helpers import (
    PASSWORD,
    accept_invitation,
    answer_the_interview,
    assert_accessible,
    create_register,
    fetch,
    fill_controller,
    invite,
    open_members,
    open_overview,
    open_the_review,
    publish,
    require_review,
    save,
    sign_up,
    submit_for_review,
)

REGISTER = "asiakkaat"
FIRST_EN = "We process our customers' data to deliver their orders."
DRAFT_EN = "We process our customers' data to deliver orders and to run a loyalty programme."
FIXED_EN = (
    "We process our customers' data to deliver orders and to run our Bonus loyalty programme."
)


def context_in(browser: Browser, ui: str) -> BrowserContext:
    locale = {"en": "en-GB", "fi": "fi-FI"}[ui]
    return browser.new_context(
        locale=locale, extra_http_headers={"Accept-Language": f"{ui},en;q=0.5"}
    )


def published_register(page: Page, app: App, slug: str) -> None:
    """A signed-up owner's first register, answered and published once."""
    sign_up(page, app, slug=slug, email=f"owner@{slug}.example")
    create_register(page, app, slug=slug, register=REGISTER, sector="web-shop")
    answer_the_interview(page)
    page.locator("aside a[href='/controller/#id_legal_name']").click()
    fill_controller(page)
    write_introduction(page, FIRST_EN)
    publish(page, app, slug=slug, register=REGISTER, summary="First")


def write_introduction(page: Page, text: str) -> None:
    open_overview(page, REGISTER)
    page.locator(f"nav a[href='/registers/{REGISTER}/edit/basics/']").click()
    page.locator("textarea[name=introduction_en]").fill(text)
    page.locator("textarea[name=introduction_fi]").fill(f"FI: {text}")
    save(page)


def test_an_editor_and_an_owner_go_through_a_review_round(
    browser: Browser, app: App, request: pytest.FixtureRequest
):
    slug = slug_for(request.node.name)
    owner_context, editor_context = context_in(browser, "en"), context_in(browser, "en")
    owner, editor = owner_context.new_page(), editor_context.new_page()
    published_register(owner, app, slug)
    require_review(owner)
    link = invite(owner, email=f"editor@{slug}.example", role="editor")
    accept_invitation(editor, app, link=link, slug=slug)

    write_introduction(editor, DRAFT_EN)
    open_overview(editor, REGISTER)
    expect(editor.locator("#next-step ~ form")).to_have_count(0)  # no "ask an owner" any more
    submit_for_review(editor, REGISTER, "New purpose: the loyalty programme", check="review-submit")

    open_the_review(owner, REGISTER)
    assert_accessible(owner, "review-decision")
    expect(owner.locator("main .review-message")).to_contain_text("loyalty programme")
    expect(owner.locator(".review-changes ins").first).to_be_visible()
    expect(owner.locator(".review-changes [lang=en] del", has_text=FIRST_EN)).to_be_visible()
    owner.locator("#id_comment").fill("Name the programme: it is called Bonus.")
    owner.locator("button[name=decision][value=send_back]").click()
    expect(owner.locator("main .alert-success[role=status]")).to_be_visible()

    open_overview(editor, REGISTER)
    expect(editor.locator("main [data-review=returned]")).to_contain_text("called Bonus")
    assert_accessible(editor, "review-returned")
    write_introduction(editor, FIXED_EN)
    submit_for_review(editor, REGISTER, "Named it Bonus")

    open_the_review(owner, REGISTER)
    expect(owner.locator(".review-changes [lang=en] ins", has_text=FIXED_EN)).to_be_visible()
    owner.locator("#id_summary").fill("The loyalty programme")
    owner.locator("button[name=decision][value=approve]").click()
    expect(owner.locator("main .alert-success[role=status]")).to_contain_text("version 2")
    owner.locator(f"main a[href='/notices/{REGISTER}/en/']").click()
    expect(owner.locator("main")).to_contain_text(FIXED_EN)
    owner_context.close()
    editor_context.close()


def test_an_owner_deletes_an_organisation_and_cancels_within_the_grace_period(
    browser: Browser, app: App, request: pytest.FixtureRequest
):
    slug = slug_for(request.node.name)
    context = context_in(browser, "fi")
    page = context.new_page()
    published_register(page, app, slug)
    assert fetch(app, slug, f"/notices/{REGISTER}/fi/")[1]

    open_members(page)
    page.locator("main a[href='/organisation/delete/']").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa organisaation varmuuskopio").click()
    assert download.value.suggested_filename == f"{slug}-seloste.json"
    page.reload()
    page.locator("#id_address").fill(slug)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Poista organisaatio").click()

    expect(page.locator("main h1")).to_have_text("Tätä organisaatiota ollaan poistamassa")
    expect(page.locator("main p").first).to_contain_text("poistetaan lopullisesti")
    with pytest.raises(urllib.error.HTTPError) as gone:
        fetch(app, slug, f"/notices/{REGISTER}/fi/")
    assert gone.value.code == 404
    page.get_by_role("button", name="Peru poisto").click()
    expect(page.locator("main .alert-success[role=status]")).to_be_visible()
    assert fetch(app, slug, f"/notices/{REGISTER}/fi/")[1]
    context.close()
