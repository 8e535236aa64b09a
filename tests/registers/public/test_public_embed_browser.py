"""The embed script in Chromium, on a shop's page whose CSP allows only our origin.

The organisation's responses come from the Django test client (fetched before the browser starts,
so the browser never needs the database); Playwright serves them under the organisation's host
and the shop's page under its own origin, with a strict Content-Security-Policy.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from playwright.sync_api import Route, sync_playwright

from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from tenants.models import Organisation
from tests.conftest import host_client
from tests.registers.document.test_document import full_controller, full_register

SHOP = "https://shop.example"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def shop_page(origin: str, script: str) -> str:
    return (
        '<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Shop</title></head>'
        f'<body><h1>Shop</h1><script src="{origin}{script}" async></script></body></html>'
    )


def org_responses(organisation: Organisation, paths: list[str]) -> dict[str, Any]:
    client = host_client(organisation.host)
    responses = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        responses[path] = response
    return responses


@pytest.mark.browser
def test_the_embed_renders_under_a_strict_csp_without_cookies(
    in_acme: Organisation, owner: Any
) -> None:
    forget_served()
    full_controller()
    version = register_publish(register=full_register(), user=owner, summary="")
    assert version is not None
    origin = f"http://{in_acme.host}"
    script, fragment = "/embed/asiakkaat/fi.js", "/embed/asiakkaat/fi/fragment.html"
    responses = org_responses(in_acme, [script, fragment])
    policy = f"default-src 'none'; script-src {origin}; connect-src {origin}"
    requests: list[dict[str, str]] = []

    def serve_org(route: Route) -> None:
        path = route.request.url.removeprefix(origin)
        requests.append(route.request.headers)
        response = responses[path]
        headers = dict(response.items())
        route.fulfill(status=response.status_code, headers=headers, body=response.content)

    def serve_shop(route: Route) -> None:
        headers = {"Content-Type": "text/html", "Content-Security-Policy": policy}
        route.fulfill(status=200, headers=headers, body=shop_page(origin, script))

    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.on("console", lambda message: violations.append(message.text))
        page.route(f"{origin}/**", serve_org)
        page.route(f"{SHOP}/**", serve_shop)
        page.goto(f"{SHOP}/privacy")
        page.wait_for_selector(".seloste-notice-host[data-loaded='true']", state="attached")
        text = page.locator(".seloste-notice").inner_text()
        host = page.locator(".seloste-notice-host")
        seen = (host.get_attribute("data-version"), host.get_attribute("data-content-hash"))
        border = page.locator(".notice-emphasis").first.evaluate(
            "element => getComputedStyle(element).borderLeftStyle"
        )
        cookies = page.context.cookies()
        browser.close()
    assert "Äänekosken Öljy Oy" in text
    # The page's own consent records can cite exactly the notice the reader saw.
    assert seen == (str(version.number), version.content_hash)
    assert "tietosuoja@om.fi" in text
    assert border == "solid"  # the shadow root's own stylesheet applies under the shop's CSP
    assert not [v for v in violations if "Content Security Policy" in v]
    assert not cookies
    assert all("cookie" not in headers for headers in requests)
