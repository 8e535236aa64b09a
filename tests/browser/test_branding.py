"""An owner brands their notices: a logo and an accent colour, refused when too light, shown on
the hosted page and in its PDF once published. Every step is a click from the navigation."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tenants.branding import colours
from tests.browser.conftest import App, slug_for
from tests.browser.helpers import (
    answer_the_interview,
    assert_accessible,
    create_register,
    fetch,
    fill_controller,
    publish,
    sign_up,
    submit,
)
from tests.browser.hosting import other_origin

LOCALES = {"en": "en-GB", "fi": "fi-FI"}
TOO_LIGHT = "#7aa7d6"
ACCENT = "#0b5cad"
ACCENT_RGB = "rgb(11, 92, 173)"
# The logo has loaded: the re-encoded 320 × 160 pixels, in the page or in the embed's shadow root.
LOADED = """(selector) => {
  const host = document.querySelector(".seloste-notice-host");
  const img = (host && host.shadowRoot ? host.shadowRoot : document).querySelector(selector);
  return !!img && img.complete && img.naturalWidth === 320;
}"""


@pytest.fixture(params=list(LOCALES))
def ui(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def owner_page(browser: Browser, ui: str) -> Iterator[Page]:
    context = browser.new_context(
        locale=LOCALES[ui], extra_http_headers={"Accept-Language": f"{ui},en;q=0.5"}
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def logo_file(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    Image.new("RGB", (400, 200), (11, 92, 173)).save(path, format="PNG")
    return path


def test_an_owner_brands_the_notice_page_and_its_pdf(
    owner_page: Page, app: App, ui: str, logo_file: Path, request: pytest.FixtureRequest
) -> None:
    page, slug, register = owner_page, slug_for(request.node.name), "asiakkaat"
    sign_up(page, app, slug=slug, email=f"owner@{slug}.example")
    create_register(page, app, slug=slug, register=register, sector="web-shop")
    answer_the_interview(page)
    page.locator("nav a.nav-link[href='/controller/']").click()
    fill_controller(page)

    page.locator("main a[href='/organisation/branding/']").click()
    page.locator("#id_logo").set_input_files(logo_file)
    page.locator("#id_accent").fill(TOO_LIGHT)
    submit(page)
    ratio = f"{colours.shown(colours.weakest_contrast(TOO_LIGHT)):.2f}"
    minimum = "4.5"
    if ui == "fi":
        ratio, minimum = ratio.replace(".", ","), "4,5"
    expect(page.locator("main")).to_contain_text(f"{ratio}:1")
    expect(page.locator("main")).to_contain_text(f"{minimum}:1")
    assert_accessible(page, f"branding-refused-{ui}")
    page.locator("#id_logo").set_input_files(logo_file)
    page.locator("#id_accent").fill(ACCENT)
    submit(page)
    expect(page.locator("main .alert-success[role=status]")).to_be_visible()
    expect(page.locator("main figure img")).to_be_visible()

    publish(page, app, slug=slug, register=register, summary="Tunnusilme")
    snippet = page.locator("#s-fi-pinned").input_value()
    page.locator(f"main a[href$='/notices/{register}/fi/']").first.click()
    logo = page.locator("header .notice-brand img")
    expect(logo).to_be_visible()
    expect(logo).to_have_attribute("alt", "Koe Oy")
    page.wait_for_function(LOADED, arg="header .notice-brand img")
    expect(page.locator("h1")).to_have_css("color", ACCENT_RGB)
    assert_accessible(page, f"branded-notice-{ui}")

    pdf_link = page.locator("header a[type='application/pdf']").get_attribute("href")
    assert pdf_link
    _headers, pdf = fetch(app, slug, pdf_link)
    first = PdfReader(io.BytesIO(pdf)).pages[0]
    sizes = [image.image.size for image in first.images if image.image is not None]
    assert sizes == [(320, 160)]
    embedded_under_a_strict_policy(page, app, slug, snippet)


def embedded_under_a_strict_policy(page: Page, app: App, slug: str, snippet: str) -> None:
    """The embed script applies the accent without inline styles; the site allows our images."""
    origin = app.org_url(slug, "").rstrip("/")
    body = f"<main><h1>A customer's shop</h1>{snippet}</main>"
    html = f'<!doctype html><html lang="en"><head><title>Shop</title></head><body>{body}</body>'
    policy = (
        f"default-src 'none'; script-src {origin}; connect-src {origin}; img-src {origin}; "
        "style-src 'none'"
    )
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    with other_origin({"/shop.html": html}, policy) as other:
        page.goto(f"{other}/shop.html")
        heading = page.locator(".seloste-notice-host h2").first
        expect(heading).to_have_css("color", ACCENT_RGB)
        logo = page.locator(".seloste-notice-host .notice-brand img")
        expect(logo).to_be_visible()
        expect(logo).to_have_attribute("alt", "Koe Oy")
        page.wait_for_function(LOADED, arg=".notice-brand img")
    assert [text for text in violations if "Content Security Policy" in text] == []
