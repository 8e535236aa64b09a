"""The summary layer as an embed of its own: the same script, its own fragment and frame."""

from __future__ import annotations

from typing import Any

from django.test import Client

from registers.models import Version
from tests.conftest import host_client


def test_the_summary_fragment_is_the_summary_and_links_to_the_full_notice(
    version: Version, reader: Client
) -> None:
    response = reader.get("/embed/asiakkaat/en/summary/fragment.html")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="s-summary"' in html
    assert "In brief" in html
    assert 'id="s-controller"' not in html  # the summary alone, not the notice
    assert 'href="http://acme.' in html
    assert "/notices/asiakkaat/en/" in html
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "<script" not in html
    again = reader.get(
        "/embed/asiakkaat/en/summary/fragment.html", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_the_summary_script_fetches_the_summary_beside_it(version: Version, reader: Client) -> None:
    script = reader.get("/embed/asiakkaat/fi/summary.js")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("text/javascript")
    # One script for both embeds: it turns …/fi/summary.js into …/fi/summary/fragment.html.
    assert script.content == reader.get("/embed/asiakkaat/fi.js").content
    frame = reader.get("/embed/asiakkaat/fi/summary/frame/")
    assert frame.status_code == 200
    assert "Lyhyesti" in frame.content.decode()
    assert "frame-ancestors *" in frame["Content-Security-Policy"]


def test_the_summary_of_an_unpublished_language_or_register_is_not_found(
    version: Version, reader: Client
) -> None:
    assert reader.get("/embed/asiakkaat/de/summary/fragment.html").status_code == 404
    assert reader.get("/embed/nobody/fi/summary/fragment.html").status_code == 404


def test_the_outputs_page_offers_the_summary_snippet_in_finnish(
    version: Version, acme: Any, owner: Any
) -> None:
    client = host_client(acme.host, owner, language="fi")
    page = client.get("/registers/asiakkaat/outputs/").content.decode()
    assert "/embed/asiakkaat/fi/summary.js" in page
    assert "Skripti, joka näyttää vain tiivistelmän" in page
