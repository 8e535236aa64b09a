from __future__ import annotations

import re
import urllib.request

from playwright.sync_api import Page, expect
from pytest_playwright_axe import OPTIONS_WCAG_22AA, Axe

from tests.browser.conftest import ARTIFACTS, App

PASSWORD = "a long and unusual passphrase"
LAYOUT_WIDTHS = (1366, 390)

# Each box or button against the text of its own label: the rectangles of the label's text nodes.
OVERLAPS = """() => {
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const found = [];
  for (const input of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
    const box = input.getBoundingClientRect();
    if (!box.width || !input.labels || !input.labels.length) continue;
    const walker = document.createTreeWalker(input.labels[0], NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (hit(box, rect)) found.push(input.id + ': ' + node.textContent.trim());
      }
    }
  }
  return found;
}"""


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
    """The first page of a journey: the organisation's address, which asks to log in."""
    page.goto(app.org_url(slug, "/"))
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


def open_registers(page: Page) -> None:
    page.locator("nav a.nav-link[href='/']").first.click()


def open_overview(page: Page, register: str) -> None:
    """From any page: the navigation's register list, then the register."""
    open_registers(page)
    page.locator(f"main a[href='/registers/{register}/']").first.click()
    expect(page.locator("#next-step")).to_be_visible()


def click_to(page: Page, register: str, path: str) -> None:
    """Open ``path`` by a visible link to it: on the page, else on the register's overview
    (its menu and links), reached from the navigation. The window must be wide enough for the
    navigation to show (a phone's width folds it into a menu)."""
    link = page.locator(f"a[href='{path}']:visible")
    if not link.count():
        open_overview(page, register)
        link = page.locator(f"a[href='{path}']:visible")
    link.first.click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def create_register(page: Page, app: App, *, slug: str, register: str, sector: str) -> None:
    """A Finnish and English register from a sector template, through the register list's form;
    it opens at the interview's first question."""
    open_registers(page)
    page.locator("input[name=name_fi]").fill("Verkkokaupan asiakasrekisteri")
    page.locator("input[name=name_en]").fill("Web shop customer register")
    page.locator("#id_slug").fill(register)
    page.locator("input[name=languages][value=fi]").check()
    page.locator("input[name=languages][value=en]").check()
    page.locator("#id_start").select_option(sector)
    submit(page)
    expect(page).to_have_url(app.org_url(slug, f"/registers/{register}/interview/people/"))


def layout_problems(page: Page, name: str) -> list[str]:
    """The page at a laptop's and a phone's width: nothing wider than the window, no box on
    its label's text; then axe's WCAG 2.2 A and AA rules at the laptop's width."""
    problems = []
    for width in LAYOUT_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"{name}: {scroll} px wide in a {width} px window")
        problems += [f"{name}: {overlap}" for overlap in page.evaluate(OVERLAPS)]
    page.set_viewport_size({"width": LAYOUT_WIDTHS[0], "height": 900})
    assert_accessible(page, name)
    return problems


def answer_the_interview(page: Page, *, date: str = "2026-03-01", check_pages: str = "") -> None:
    """Every question as the sector template answered it, and the effective date ``date``,
    through check your answers to the overview. With ``check_pages``, each page's layout and
    accessibility are checked as well."""
    problems: list[str] = []
    while "/interview/check/" not in page.url:
        expect(page.locator("#interview-progress")).to_be_visible()
        if check_pages:
            problems += layout_problems(
                page, f"{check_pages}-{page.url.rstrip('/').split('/')[-1]}"
            )
        effective = page.locator("#id_effective_date")
        if effective.count():
            effective.fill(date)
        page.locator("main button.btn-primary[name=save]").click()
    expect(page.locator("main .summary-list")).to_be_visible()
    if check_pages:
        problems += layout_problems(page, f"{check_pages}-check")
    assert problems == [], "\n".join(problems)
    submit(page)
    expect(page.locator("#next-step")).to_be_visible()


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


def answer_the_effective_date(page: Page, register: str) -> None:
    """The checklist on the overview links to the question."""
    open_overview(page, register)
    page.locator("aside a[href$='#id_effective_date']").first.click()
    expect(page.locator("#id_effective_date:target")).to_have_count(1)
    page.locator("#id_effective_date").fill("2026-03-01")
    save(page)


def publish(page: Page, app: App, *, slug: str, register: str, summary: str) -> None:
    """Publish through the register's own menu, from its overview."""
    open_overview(page, register)
    page.locator(f"nav a[href='/registers/{register}/publish/']").click()
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


def open_members(page: Page) -> None:
    page.locator("nav a.nav-link[href='/members/']").first.click()
    expect(page.locator("main table")).to_be_visible()


def invite(page: Page, *, email: str, role: str) -> str:
    """Invite from the members page; the link it shows, as the invitee gets it by mail."""
    open_members(page)
    page.locator("#id_email").fill(email)
    page.locator("#id_role").select_option(role)
    page.locator("form[action='/members/invite/'] button[type=submit]").click()
    return page.locator("#invitation-link").input_value()


def accept_invitation(page: Page, app: App, *, link: str, slug: str) -> None:
    """The invitee's first page is the mailed link: a new account, then the organisation."""
    page.goto(link)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    submit(page)
    expect(page).to_have_url(app.org_url(slug, "/"))


def require_review(page: Page) -> None:
    """The members page's link to the organisation's setting, switched on."""
    open_members(page)
    page.locator("main a[href='/organisation/review/']").click()
    assert_accessible(page, "review-setting")
    page.locator("#id_required").check()
    submit(page)
    expect(page.locator("main .alert-success[role=status]")).to_be_visible()


def submit_for_review(page: Page, register: str, message: str, *, check: str = "") -> None:
    """From the overview's next step; with ``check``, the form page's accessibility too."""
    open_overview(page, register)
    page.locator(f"#next-step ~ p a[href='/registers/{register}/review/']").click()
    if check:
        assert_accessible(page, check)
    page.locator("#id_message").fill(message)
    submit(page)
    expect(page.locator("main [data-review=open]")).to_contain_text(message)


def open_the_review(page: Page, register: str) -> None:
    """The owner's overview shows the submission and links to its changes."""
    open_overview(page, register)
    page.locator("main [data-review=open] a.btn").click()
    expect(page.locator("#review-changes")).to_be_visible()
