"""Every answer carries a Content-Security-Policy; only the embed's iframe page may be framed."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import get_resolver, reverse

from tenants.models import Invitation, Membership, Organisation, Role
from tests.conftest import BASE
from tests.security.conftest import ACME_REGISTER, SHORT_KEY
from tests.security.test_enumeration import POST_ONLY, url_names

# The iframe pages of the embeds: the full notice, its summary layer and the short notices.
FRAMEABLE = {
    "embed_frame",
    "embed_version_frame",
    "embed_summary_frame",
    "short_frame",
    "short_version_frame",
}


def policy(header: str) -> dict[str, list[str]]:
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in directives}


def own_kwargs(name: str, urlconf: str, acme: Organisation, owner: Any) -> dict[str, Any]:
    params = get_resolver(urlconf).reverse_dict.getlist(name)[0][0][0][1]
    invitation, _token = Invitation.create(
        organisation=acme, email="new@acme.example", role=Role.VIEWER, invited_by=owner
    )
    values = {
        "slug": acme.slug if name == "organisation_switch" else ACME_REGISTER,
        "section": "basics",
        "question": "people",
        "lang": "en",
        "number": 1,
        "a": 1,
        "b": 1,
        "pk": invitation.pk
        if name == "invitation_cancel"
        else Membership.objects.get(user=owner).pk,
        "token": "not-a-token",
        "uidb64": "MQ",
        "day": "2026-01-01",
        "fmt": "csv",
        "source_slug": acme.slug,
        "register": ACME_REGISTER,
        "template": 1,
        "digest": "0" * 64,
        "hex6": "0b5cad",
        "review": 1,
        "key": SHORT_KEY,
    }
    return {param: values[param] for param in params}


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")


def script_tag_problems(where: str, response: Any, allowed: list[str]) -> list[str]:
    """Each <script> loads a file, or carries this response's nonce (Django adds the nonce to
    the header only on pages that use it)."""
    if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
        return []
    problems = []
    for attributes in SCRIPT_TAG.findall(response.content.decode(errors="replace")):
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        if nonce and f"'nonce-{nonce.group(1)}'" not in allowed:
            problems.append(f"{where}: a script's nonce is not the header's")
        if not nonce and "src=" not in attributes:
            problems.append(f"{where}: an inline script without a nonce")
    return problems


def header_problems(name: str, path: str, response: Any) -> list[str]:
    where = f"{path} ({name}, {response.status_code})"
    header = response.get("Content-Security-Policy", "")
    if not header:
        return [f"{where}: no Content-Security-Policy"]
    rules = policy(header)
    problems = []
    scripts = rules.get("script-src", rules.get("default-src", []))
    if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
        problems.append(f"{where}: scripts may run inline: {header}")
    if any(s not in ("'self'", "'none'") and not s.startswith("'nonce-") for s in scripts):
        problems.append(f"{where}: scripts from elsewhere: {header}")
    problems += script_tag_problems(where, response, scripts)
    ancestors = rules.get("frame-ancestors")
    if name in FRAMEABLE:
        if ancestors not in (["*"], None) or "X-Frame-Options" in response:
            problems.append(f"{where}: the embed frame must be frameable anywhere")
    elif ancestors not in (["'self'"], ["'none'"]):
        problems.append(f"{where}: frame-ancestors is {ancestors}")
    return problems


def test_every_page_has_a_strict_policy_and_refuses_framing(
    acme: Organisation, owner: Any, acme_published: Any
) -> None:
    problems: list[str] = []
    for urlconf, host in (("config.urls_tenants", acme.host), ("config.urls_public", BASE)):
        for name in dict.fromkeys(url_names(urlconf)):
            path = reverse(name, urlconf=urlconf, kwargs=own_kwargs(name, urlconf, acme, owner))
            client = Client(HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="en")
            client.force_login(owner)
            response = client.post(path) if name in POST_ONLY else client.get(path)
            problems += header_problems(name, path, response)
    assert not problems, "\n".join(problems)


def test_error_pages_carry_the_policy_too(acme: Organisation) -> None:
    for host, path in ((acme.host, "/no-such-page/"), (BASE, "/no-such-page/")):
        response = Client(HTTP_HOST=host).get(path)
        assert response.status_code == 404
        assert not header_problems("404", path, response)


def test_a_page_with_an_inline_script_gets_a_fresh_nonce_each_time(
    acme: Organisation, owner: Any, acme_published: Any
) -> None:
    client = Client(HTTP_HOST=acme.host)
    client.force_login(owner)
    nonces = []
    for _ in range(2):
        response = client.get(f"/registers/{ACME_REGISTER}/outputs/")
        scripts = policy(response["Content-Security-Policy"])["script-src"]
        nonce = [s for s in scripts if s.startswith("'nonce-")]
        assert len(nonce) == 1
        assert nonce[0][7:-1] in response.content.decode()
        nonces += nonce
    assert nonces[0] != nonces[1]


def test_the_policy_allows_nonces_and_never_unsafe_inline() -> None:
    from django.conf import settings
    from django.utils.csp import CSP

    configured: dict[str, Any] = settings.SECURE_CSP
    assert CSP.NONCE in configured["script-src"]
    assert CSP.UNSAFE_INLINE not in configured["script-src"]
    assert CSP.UNSAFE_INLINE not in configured["style-src"]


def test_the_answer_to_an_unknown_host_carries_the_policy(db: Any) -> None:
    for host in ("nobody.localhost", "evil.example"):
        response = Client(HTTP_HOST=host).get("/")
        assert response.status_code in {400, 404}
        assert "frame-ancestors" in response.get("Content-Security-Policy", ""), host
        assert response.get("X-Frame-Options") == "DENY", host
