"""Short notices published with the version, served to anyone like the full notice's embed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from registers.models import Purpose, ShortNoticeOutput, Version
from registers.publishing.served import forget_served
from registers.publishing.versions import register_publish
from tenants.models import Organisation
from tests.conftest import host_client
from tests.registers.document.test_document import full_controller
from tests.registers.jit.test_short_notices import a_register

BASE = "/embed/asiakkaat/en"


@pytest.fixture
def published(in_acme: Organisation, owner: Any) -> Version:
    forget_served()
    full_controller()
    version = register_publish(register=a_register(), user=owner, summary="First")
    assert version is not None
    return version


@pytest.fixture
def reader(acme: Organisation) -> Client:
    return host_client(acme.host)


def test_publishing_freezes_a_short_notice_per_purpose_and_language(published: Version) -> None:
    rows = ShortNoticeOutput.objects.filter(version=published)
    assert rows.count() == 3 * 3
    row = rows.get(language="fi", key="asiakaskysely")
    assert "Asiakaskysely" in row.fragment
    assert "http://acme.localhost" in row.fragment  # the full notice, on the organisation's host
    with pytest.raises(ValueError, match="cannot be changed"):
        row.save()


def test_the_fragment_is_open_to_any_origin_under_a_strict_policy(
    published: Version, reader: Client
) -> None:
    response = reader.get(f"{BASE}/short/asiakaskysely/fragment.html")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Customer survey" in body
    assert "withdraw your consent" in body
    assert "/notices/asiakkaat/en/" in body
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["Seloste-Version"] == "1"
    assert not response.cookies
    again = reader.get(
        f"{BASE}/short/asiakaskysely/fragment.html", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_the_script_and_the_frame_serve_the_version(published: Version, reader: Client) -> None:
    script = reader.get(f"{BASE}/short/asiakaskysely.js")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("text/javascript")
    assert b"attachShadow" in script.content
    pinned = reader.get(f"{BASE}/v1/short/asiakaskysely.js")
    assert pinned["Cache-Control"].startswith("public, max-age=31536000")
    frame = reader.get(f"{BASE}/short/asiakaskysely/frame/")
    assert frame.status_code == 200
    assert b"Customer survey" in frame.content
    assert "frame-ancestors *" in frame["Content-Security-Policy"]
    assert reader.get(f"{BASE}/v1/short/asiakaskysely/fragment.html").status_code == 200


def test_unknown_purposes_languages_and_versions_are_404(
    published: Version, reader: Client
) -> None:
    for path in (
        f"{BASE}/short/no-such-purpose/fragment.html",
        "/embed/asiakkaat/de/short/asiakaskysely/fragment.html",
        f"{BASE}/v2/short/asiakaskysely/fragment.html",
        "/embed/other/en/short/asiakaskysely.js",
    ):
        assert reader.get(path).status_code == 404, path


def test_the_outputs_page_offers_each_purposes_snippet_and_says_why_one_has_none(
    published: Version, owner_client: Client
) -> None:
    Purpose.objects.get(register=published.register, position=0).categories.clear()
    page = owner_client.get("/registers/asiakkaat/outputs/").content.decode()
    snippet = 'src="http://acme.localhost/embed/asiakkaat/en/short/asiakaskysely.js"'
    assert snippet.replace('"', "&quot;") in page
    assert "Short notices for forms" in page
    assert "choose the data it uses" in page
    assert "/registers/asiakkaat/edit/purposes/#id_purposes-0-categories" in page


def test_the_fast_path_answers_a_short_fragment_as_the_view_does(
    published: Version, reader: Client
) -> None:
    path = f"{BASE}/short/asiakaskysely/fragment.html"
    first = reader.get(path)  # a miss: the view answers and memoises
    second = reader.get(path)  # a hit: answered before the rest of the stack
    assert "Vary" in first
    assert "Vary" not in second
    assert second.content == first.content
    for header in ("ETag", "Access-Control-Allow-Origin", "Content-Security-Policy"):
        assert second[header] == first[header], header
    other = reader.get(f"{BASE}/short/uutiskirjeen-lahettaminen/fragment.html")
    assert other.content != first.content  # each purpose has its own memo
    assert (
        b"Sending the newsletter"
        in reader.get(f"{BASE}/short/uutiskirjeen-lahettaminen/fragment.html").content
    )
