"""A newcomer's whole journey in Chromium, in English and in Finnish.

Fields are found by their ids and buttons by their names or roles, so the same steps run in either
interface language; the texts asserted are the user's own, which do not change with it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.error
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import App, slug_for
from tests.browser.helpers import (
    PASSWORD,
    answer_the_effective_date,
    answer_the_interview,
    assert_accessible,
    create_register,
    fetch,
    fill_controller,
    layout_problems,
    log_in,
    open_overview,
    publish,
    save,
    sign_up,
    submit,
)
from tests.browser.hosting import other_origin

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"  # poppler-utils
LOCALES = {"en": "en-GB", "fi": "fi-FI"}
INTRO_FI = "Käsittelemme verkkokauppamme asiakkaiden tietoja tilausten toimittamiseksi."
INTRO_EN = "We process our web shop customers' data to deliver their orders."
REVISED_FI = "Käsittelemme asiakkaiden tietoja tilausten toimittamiseksi ja asiakaspalveluun."
# Both languages change together: a Finnish change alone leaves the English to review.
REVISED_EN = "We process our customers' data to deliver their orders and for customer service."


@pytest.fixture(params=list(LOCALES))
def ui(request: pytest.FixtureRequest) -> str:
    """The interface language of the browser: its locale and Accept-Language."""
    return str(request.param)


def new_context(browser: Browser, ui: str) -> BrowserContext:
    return browser.new_context(
        locale=LOCALES[ui], extra_http_headers={"Accept-Language": f"{ui},en;q=0.5"}
    )


@pytest.fixture
def owner_page(browser: Browser, ui: str) -> Iterator[Page]:
    context = new_context(browser, ui)
    yield context.new_page()
    context.close()


def test_a_newcomer_publishes_a_notice_and_embeds_it_anywhere(
    owner_page: Page, browser: Browser, app: App, ui: str, request: pytest.FixtureRequest
):
    page, slug, register = owner_page, slug_for(request.node.name), "asiakkaat"
    sign_up(page, app, slug=slug, email=f"owner@{slug}.example")
    expect(page.locator("html")).to_have_attribute("lang", ui)
    create_register(page, app, slug=slug, register=register, sector="web-shop")
    answer_the_interview(page, date="")
    page.locator(f"nav a[href='/registers/{register}/edit/basics/']").click()
    page.locator("textarea[name=introduction_fi]").fill(INTRO_FI)
    page.locator("textarea[name=introduction_en]").fill(INTRO_EN)
    save(page)

    follow_the_checklist_to_the_controller(page)
    fill_controller(page)
    answer_the_effective_date(page, register)
    publish(page, app, slug=slug, register=register, summary="Ensimmäinen versio")
    # The tag as the owner copies it from the outputs page: pinned, with its integrity hash.
    snippet = page.locator("#s-fi-pinned").input_value()
    summary = page.locator("#s-fi-summary").input_value()

    read_the_hosted_pages(page, register)
    read_the_pdf(page, app, slug, register)
    embed_on_another_origin(page, app, slug, register, snippet, summary)

    # Back from the customer's site by its address: the organisation's first page, then clicks.
    page.goto(app.org_url(slug, "/"))
    open_overview(page, register)
    page.locator(f"nav a[href='/registers/{register}/edit/basics/']").click()
    page.locator("textarea[name=introduction_fi]").fill(REVISED_FI)
    page.locator("textarea[name=introduction_en]").fill(REVISED_EN)
    save(page)
    publish(page, app, slug=slug, register=register, summary="Asiakaspalvelu lisätty")
    invite_a_viewer_who_can_only_read(page, browser, app, ui, slug, register)
    compare_the_versions(page, register)


def follow_the_checklist_to_the_controller(page: Page) -> None:
    """The checker's link lands on the very field it asks to fix."""
    link = page.locator("aside a[href='/controller/#id_legal_name']")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/controller/#id_legal_name$"))
    field = page.locator("#id_legal_name")
    expect(field).to_be_in_viewport()
    expect(page.locator("#id_legal_name:target")).to_have_count(1)


def read_the_hosted_pages(page: Page, register: str) -> None:
    """From the overview's link to the Finnish page, then the page's own link to English."""
    open_overview(page, register)
    page.locator(f"main a[href='/notices/{register}/fi/']").click()
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.get_by_text(INTRO_FI)).to_be_visible()
    expect(page.get_by_text("Mäkelänkatu 12 A").first).to_be_visible()
    page.locator("nav.notice-languages a[hreflang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text(INTRO_EN)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Web shop customer register")


def read_the_pdf(page: Page, app: App, slug: str, register: str) -> None:
    headers, pdf = fetch(app, slug, f"/notices/{register}/fi.pdf")
    assert headers["Content-Type"] == "application/pdf"
    text = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    flat = " ".join(text.split())
    assert "Verkkokaupan asiakasrekisteri" in flat
    assert "Koe Oy" in flat
    assert "Mäkelänkatu 12 A" in flat
    assert "tietosuoja@koe.example" in flat
    assert INTRO_FI in flat


def embed_on_another_origin(
    page: Page, app: App, slug: str, register: str, snippet: str, summary: str
) -> None:
    """Script (shadow root), the summary's own script, server-side fragment and iframe on a strict
    CSP page elsewhere."""
    origin = app.org_url(slug, "").rstrip("/")
    assert 'integrity="sha' in snippet, snippet
    fragment = fetch(app, slug, f"/embed/{register}/en/fragment.html")[1].decode()
    pages = {
        "/script.html": host_page(snippet),
        "/summary.html": host_page(summary),
        "/fragment.html": host_page(f'<div id="included">{fragment}</div>'),
        "/frame.html": host_page(
            f'<iframe src="{origin}/embed/{register}/fi/frame/" title="Tietosuojaseloste"'
            ' width="800" height="600"></iframe>'
        ),
    }
    policy = (
        f"default-src 'none'; script-src {origin}; connect-src {origin}; frame-src {origin}; "
        "style-src 'none'; img-src 'none'"
    )
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    with other_origin(pages, policy) as other:
        page.goto(f"{other}/script.html")
        expect(page.locator(".seloste-notice-host").get_by_text(INTRO_FI)).to_be_visible()
        shadow = page.evaluate("document.querySelector('.seloste-notice-host').shadowRoot !== null")
        assert shadow
        # axe-core reads open shadow roots: the notice as the customer's page shows it.
        assert_accessible(page, "embed-script-in-other-origin")
        # The summary layer alone, by its own snippet: the same script under the same policy.
        page.goto(f"{other}/summary.html")
        host = page.locator(".seloste-notice-host")
        expect(host.get_by_role("heading", name="Lyhyesti")).to_be_visible()
        expect(host.get_by_role("link", name="Lue koko tietosuojaseloste")).to_be_visible()
        page.goto(f"{other}/fragment.html")
        expect(page.locator("#included").get_by_text(INTRO_EN)).to_be_visible()
        page.goto(f"{other}/frame.html")
        expect(page.frame_locator("iframe").get_by_text(INTRO_FI)).to_be_visible()
    assert [text for text in violations if "Content Security Policy" in text] == []


def host_page(body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>'
        f"<body><main><h1>A customer's shop</h1>{body}</main></body></html>"
    )


def compare_the_versions(page: Page, register: str) -> None:
    """The overview's link to every version, and the archive's link comparing the two."""
    open_overview(page, register)
    page.locator(f"main a[href='/notices/{register}/archive/']").click()
    expect(page.get_by_text("Ensimmäinen versio")).to_be_visible()
    expect(page.get_by_text("Asiakaspalvelu lisätty")).to_be_visible()
    page.locator(f"main a[href='/notices/{register}/compare/1/2/fi/']").click()
    expect(page.locator("main")).to_contain_text("asiakaspalveluun")
    expect(page.locator("main del, main .removed").first).to_be_visible()
    expect(page.locator("main ins, main .added").first).to_be_visible()


def invite_a_viewer_who_can_only_read(
    page: Page, browser: Browser, app: App, ui: str, slug: str, register: str
) -> None:
    page.locator("nav a[href='/members/']").first.click()
    page.locator("#id_email").fill(f"viewer@{slug}.example")
    page.locator("#id_role").select_option("viewer")
    page.locator("form[action='/members/invite/'] button[type=submit]").click()
    link = page.locator("#invitation-link").input_value()

    context = new_context(browser, ui)
    viewer = context.new_page()
    viewer.goto(link)
    viewer.locator("#id_password1").fill(PASSWORD)
    viewer.locator("#id_password2").fill(PASSWORD)
    submit(viewer)
    expect(viewer).to_have_url(app.org_url(slug, "/"))
    open_overview(viewer, register)
    viewer.locator(f"nav a[href='/registers/{register}/edit/basics/']").click()
    expect(viewer.locator("textarea[name=introduction_fi]")).to_have_value(REVISED_FI)
    expect(viewer.locator("textarea[name=introduction_fi]")).to_be_disabled()
    expect(viewer.locator("main button[name=save]")).to_have_count(0)
    expect(viewer.locator("main form[action='/members/invite/']")).to_have_count(0)
    # No link leads a viewer to publishing; typing its address is refused.
    expect(viewer.locator(f"a[href='/registers/{register}/publish/']")).to_have_count(0)
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(app, slug, f"/registers/{register}/publish/", cookies)
    assert refused.value.code == 403
    context.close()


def test_a_second_save_of_the_same_section_is_refused_and_keeps_its_input(
    owner_page: Page, browser: Browser, app: App, ui: str, request: pytest.FixtureRequest
):
    slug, register = slug_for(request.node.name), "uutiskirje"
    sign_up(owner_page, app, slug=slug, email=f"owner@{slug}.example")
    create_register(owner_page, app, slug=slug, register=register, sector="association")
    other_context = new_context(browser, ui)
    other = other_context.new_page()
    log_in(other, app, slug=slug, email=f"owner@{slug}.example")
    open_basics(other, register)
    owner_page.locator(f"main a[href='/registers/{register}/']").last.click()  # leave the interview
    owner_page.locator(f"nav a[href='/registers/{register}/edit/basics/']").click()

    owner_page.locator("textarea[name=introduction_en]").fill("The first saved text.")
    save(owner_page)
    other.locator("textarea[name=introduction_en]").fill("The second, refused text.")
    other.locator("main form[method=post] button.btn-primary[type=submit]").last.click()

    expect(other.locator("main .alert-danger[role=alert]")).to_be_visible()
    refused = other.locator("textarea[name=introduction_en]")
    expect(refused).to_have_value("The second, refused text.")
    open_basics(other, register)
    expect(other.locator("textarea[name=introduction_en]")).to_have_value("The first saved text.")
    other_context.close()


def test_a_newcomer_reaches_every_step_by_clicking(
    owner_page: Page, app: App, ui: str, request: pytest.FixtureRequest
):
    """From the landing page on, only clicks: no address is typed after the first page. The
    interview's pages are laid out at a laptop's and a phone's width and checked with axe."""
    page, slug, register = owner_page, slug_for(request.node.name), "klinikka"
    page.goto(app.url("/"))
    page.locator("main a[href='/signup/']").click()
    page.locator("#id_name").fill("Klikki Oy")
    page.locator("#id_slug").fill(slug)
    page.locator("#id_email").fill(f"owner@{slug}.example")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    submit(page)
    page.locator("input[name=name_fi]").fill("Asiakasrekisteri")
    page.locator("input[name=name_en]").fill("Customer register")
    page.locator("#id_slug").fill(register)
    page.locator("input[name=languages][value=fi]").check()
    page.locator("input[name=languages][value=en]").check()
    page.locator("#id_start").select_option("web-shop")
    submit(page)

    answer_the_interview(page, check_pages=f"interview-{ui}")
    fix_every_error_by_following_continue(page, register)
    page.locator("section[aria-labelledby=next-step] a.btn-primary").click()
    page.locator("#id_summary").fill("Ensimmäinen versio")
    submit(page)
    expect(page).to_have_url(re.compile(rf"/registers/{register}/outputs/$"))
    copy_the_embed_snippet_and_open_the_pdf(page, app, slug)

    page.locator(f"main a[href='/registers/{register}/']").click()
    page.locator(f"main a[href='/registers/{register}/preview/en/']").click()
    expect(page.locator("main .seloste-notice").first).to_contain_text("Customer register")
    page.locator(f"main a[href='/registers/{register}/']").click()
    page.locator("main a[href='/registers/import/']").click()
    expect(page.locator("#id_file")).to_be_visible()
    assert_accessible(page, f"import-{ui}")


def open_basics(page: Page, register: str) -> None:
    open_overview(page, register)
    page.locator(f"nav a[href='/registers/{register}/edit/basics/']").click()
    expect(page.locator("textarea[name=introduction_en]")).to_be_visible()


def open_the_overview(page: Page, register: str) -> None:
    page.locator("nav a.nav-link[href='/']").first.click()
    page.locator(f"main a[href='/registers/{register}/']").first.click()
    expect(page.locator("#next-step")).to_be_visible()


def fix_every_error_by_following_continue(page: Page, register: str) -> None:
    """Continue leads to the first page with an error: the organisation's details (and the
    effective date, had the interview not asked it)."""
    for _attempt in range(4):
        step = page.locator("section[aria-labelledby=next-step] a.btn-primary")
        if step.get_attribute("href") == f"/registers/{register}/publish/":
            return
        step.click()
        if "/controller/" in page.url:
            fill_controller(page)
        else:
            page.locator("aside a[href$='#id_effective_date']").click()
            page.locator("#id_effective_date").fill("2026-03-01")
            save(page)
        open_the_overview(page, register)
    raise AssertionError("the overview never offered Publish")


def copy_the_embed_snippet_and_open_the_pdf(page: Page, app: App, slug: str) -> None:
    snippet = page.locator("#s-fi-pinned")
    expect(snippet).to_have_value(re.compile(r"^<script src=.*integrity="))
    page.locator("button[data-copy='s-fi-pinned']").click()
    frame = page.locator("#s-fi-frame")
    expect(frame).to_have_value(re.compile(r'title="Tietosuojaseloste: Asiakasrekisteri"'))
    pdf = page.locator("main a[href$='/fi.pdf']").first
    headers, body = fetch(app, slug, urlsplit(pdf.get_attribute("href") or "").path)
    assert headers["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")


def test_the_interview_asks_each_list_after_its_yes_and_marks_marketing(
    owner_page: Page, app: App, ui: str, request: pytest.FixtureRequest
):
    """An empty register through the interview: a marketing purpose added on the marketing
    page, each list page reached by "yes" and passed by "no"; every page that only these
    answers open is laid out at both widths and checked with axe."""
    page, slug, register = owner_page, slug_for(request.node.name), "uutiskirje"
    sign_up(page, app, slug=slug, email=f"owner@{slug}.example")
    create_register(page, app, slug=slug, register=register, sector="")
    problems: list[str] = []
    skip_question(page)  # people
    skip_question(page)  # purposes
    expect(page.locator("[data-no-purposes]")).to_be_visible()
    problems += layout_problems(page, f"marketing-empty-{ui}")
    page.locator("button[data-add-row=marketing]").click()
    page.locator("[name='marketing-0-description_fi']").fill("Uutiskirje sähköpostilla")
    page.locator("[name='marketing-0-description_en']").fill("Newsletter by email")
    page.locator("select[name='marketing-0-basis']").select_option("A6-1-a")
    page.locator("select[name='marketing-0-consent_method']").select_option("opt-in")
    problems += layout_problems(page, f"marketing-{ui}")
    answer_yes_no(page, "", expected="/interview/sources/")
    answer_yes_no(page, "collected_from_subject", True, expected="/interview/other-sources/")
    problems += layout_problems(page, f"other-sources-{ui}")
    answer_yes_no(page, "", expected="/interview/data/")
    skip_question(page)
    answer_yes_no(page, "has_recipients", True, expected="/interview/recipients/")
    add_a_recipient(page)
    problems += layout_problems(page, f"recipients-{ui}")
    answer_yes_no(page, "", expected="/interview/transfers/")
    answer_yes_no(page, "has_transfers", False, expected="/interview/cookies/")
    skip_question(page)
    answer_yes_no(page, "has_automated_decisions", True, expected="/interview/automated-details/")
    page.locator("[name=automated_logic_fi]").fill("Pisteytys maksuhistoriasta")
    page.locator("[name=automated_logic_en]").fill("A score from the payment history")
    page.locator("[name=automated_consequences_fi]").fill("Luotto voidaan evätä")
    page.locator("[name=automated_consequences_en]").fill("Credit may be refused")
    problems += layout_problems(page, f"automated-details-{ui}")
    answer_yes_no(page, "", expected="/interview/retention/")
    while "/interview/check/" not in page.url:
        skip_question(page)
    summary = page.locator("main .summary-list")
    expect(summary).to_contain_text("Newsletter by email" if ui == "en" else "Uutiskirje")
    expect(summary).to_contain_text("Mailer Oy")
    expect(page.locator("main a[href$='/interview/transfer-list/?change=1']")).to_have_count(0)

    # "No" changed to "yes" from the answers: the list it opens, then back to the answers.
    page.locator("main a[href$='/interview/transfers/?change=1']").click()
    answer_yes_no(page, "has_transfers", True, expected="/interview/transfer-list/?change=1")
    problems += layout_problems(page, f"transfer-list-{ui}")
    skip_question(page)
    expect(page).to_have_url(re.compile(r"/interview/check/$"))
    expect(page.locator("main a[href$='/interview/transfer-list/?change=1']")).to_have_count(1)
    assert problems == [], "\n".join(problems)


def skip_question(page: Page) -> None:
    page.locator("main button[name=skip]").click()
    expect(page.locator("main h1")).to_be_visible()


def answer_yes_no(page: Page, name: str, answer: bool = True, *, expected: str) -> None:
    """Choose the yes/no answer ``name`` (none: save the page as it is) and save."""
    if name:
        page.locator(f"input[name={name}][value={answer}]").check()
    page.locator("main button.btn-primary[name=save]").click()
    expect(page).to_have_url(re.compile(re.escape(expected) + "$"))


def add_a_recipient(page: Page) -> None:
    page.locator("button[data-add-row=recipients]").click()
    page.locator("select[name='recipients-0-recipient_type']").select_option("DataProcessor")
    page.locator("[name='recipients-0-name']").fill("Mailer Oy")
    page.locator("[name='recipients-0-description_fi']").fill("Sähköpostipalvelu")
    page.locator("[name='recipients-0-description_en']").fill("Email service")
    page.locator("select[name='recipients-0-country']").select_option("FI")
