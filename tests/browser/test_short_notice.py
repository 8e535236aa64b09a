"""A just-in-time notice: a purpose names its data, the owner copies the purpose's snippet from
the outputs page, and the customer's own site shows it under a strict Content-Security-Policy.

Only clicks after the first page, in Finnish and in English; fields and buttons are found by
their ids and names, the texts asserted are the sector template's and the notice's own.
"""

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
)
from tests.browser.hosting import other_origin

LOCALES = {"en": "en-GB", "fi": "fi-FI"}
NEWSLETTER = "Newsletter to subscribers who are not our customers"  # on consent (web shop)
KEY = "uutiskirje-tilaajille-jotka-eivat-ole"  # its Finnish description, shortened
# The purpose's index in the web shop template, and its email address category's.
PURPOSE, EMAIL = 4, 1


@pytest.fixture(params=list(LOCALES))
def owner_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    ui = str(request.param)
    context = browser.new_context(
        locale=LOCALES[ui], extra_http_headers={"Accept-Language": f"{ui},en;q=0.5"}
    )
    yield context.new_page()
    context.close()


def test_a_purposes_short_notice_is_copied_and_shown_on_another_origin(
    owner_page: Page, app: App, request: pytest.FixtureRequest
) -> None:
    page, slug, register = owner_page, slug_for(request.node.name), "asiakkaat"
    sign_up(page, app, slug=slug, email=f"owner@{slug}.example")
    create_register(page, app, slug=slug, register=register, sector="web-shop")
    answer_the_interview(page)
    name_the_newsletters_data(page, register)
    open_overview(page, register)
    page.locator("aside a[href='/controller/#id_legal_name']").click()
    fill_controller(page)
    publish(page, app, slug=slug, register=register, summary="Ensimmäinen versio")

    snippet = copy_the_short_notice_snippet(page)
    show_it_on_another_origin(page, snippet)


def name_the_newsletters_data(page: Page, register: str) -> None:
    """The purposes page asks which data each purpose uses; the newsletter uses email."""
    page.locator(f"nav a[href='/registers/{register}/edit/purposes/']").click()
    boxes = page.locator(f"input[name='purposes-{PURPOSE}-categories']")
    expect(boxes.first).to_be_attached()
    boxes.nth(EMAIL).check()
    save(page)
    expect(page.locator(f"input[name='purposes-{PURPOSE}-categories']").nth(EMAIL)).to_be_checked()


def copy_the_short_notice_snippet(page: Page) -> str:
    """On the outputs page (where publishing lands), the English short notice of the purpose."""
    block = page.locator(f"#short-en ~ div[data-short='{KEY}']")
    expect(block).to_contain_text(NEWSLETTER)
    snippet_id = f"short-en-{KEY}"
    page.locator(f"button[data-copy='{snippet_id}']").click()
    snippet = page.locator(f"#{snippet_id}").input_value()
    assert snippet.startswith("<script src="), snippet
    assert f"/short/{KEY}.js" in snippet, snippet
    # The other purposes name no data yet: the page says so and links to the question.
    expect(page.locator("main a[href$='#id_purposes-0-categories']").first).to_be_visible()
    return snippet


def show_it_on_another_origin(page: Page, snippet: str) -> None:
    origin = snippet.split('src="', 1)[1].split("/embed/", 1)[0]
    body = f"<form><label>Email <input type=email></label></form>{snippet}"
    pages = {
        "/signup.html": (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>'
            f"</head><body><main><h1>Our newsletter</h1>{body}</main></body></html>"
        )
    }
    policy = (
        f"default-src 'none'; script-src {origin}; connect-src {origin}; "
        "style-src 'none'; img-src 'none'"
    )
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    with other_origin(pages, policy) as other:
        page.goto(f"{other}/signup.html")
        host = page.locator(".seloste-notice-host")
        expect(host).to_have_attribute("data-loaded", "true")
        expect(host.get_by_text(NEWSLETTER)).to_be_visible()
        expect(host.get_by_text("withdraw your consent at any time")).to_be_visible()
        expect(host.locator("a[href$='/notices/asiakkaat/en/']")).to_be_visible()
        assert page.evaluate("document.querySelector('.seloste-notice-host').shadowRoot !== null")
        assert_accessible(page, "short-notice-in-other-origin")
    assert [text for text in messages if "Content Security Policy" in text] == []
