"""Notices for machines: DPV JSON-LD read back as RDF, the version in force on a date, the feed."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from registers.models import Purpose, Register, Version
from registers.publishing.versions import register_publish
from tenants.models import Organisation
from tests.registers.document.test_document import full_controller, full_register

DPV = Namespace("https://w3id.org/dpv#")
GDPR = Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
PD = Namespace("https://w3id.org/dpv/pd#")
LOC = Namespace("https://w3id.org/dpv/loc#")
DCT = Namespace("http://purl.org/dc/terms/")
ATOM = "{http://www.w3.org/2005/Atom}"


def graph_of(response: Any) -> Graph:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return Graph().parse(data=response.content.decode(), format="json-ld")


def test_the_json_ld_reads_back_as_the_registers_facts(version: Version, reader: Client) -> None:
    graph = graph_of(reader.get("/notices/asiakkaat/en/v1.jsonld"))
    notice = URIRef(f"http://{reader.defaults['HTTP_HOST']}/notices/asiakkaat/en/v1/")
    assert (notice, RDF.type, DPV.PrivacyNotice) in graph
    assert (notice, DCT.hasVersion, Literal("1")) in graph
    assert graph.value(notice, URIRef("urn:seloste:contentHash")) == Literal(version.content_hash)
    controller = graph.value(notice, DPV.hasDataController)
    assert graph.value(controller, DPV.hasName) == Literal("Äänekosken Öljy Oy")
    process = graph.value(notice, DPV.hasProcess)
    bases = {graph.value(p, DPV.hasLegalBasis) for p in graph.objects(process, DPV.hasProcess)}
    assert {GDPR["A6-1-b"], GDPR["A6-1-f"], URIRef("urn:seloste:eu-us-dpf")} <= bases
    purposes = {
        str(graph.value(graph.value(p, DPV.hasPurpose), DCT.description))
        for p in graph.objects(process, DPV.hasProcess)
    }
    assert {"Handling orders", "Sending the newsletter"} <= purposes
    data_types = {
        t for d in graph.objects(process, DPV.hasPersonalData) for t in graph.objects(d, RDF.type)
    }
    assert {PD.Name, PD.EmailAddress} <= data_types
    assert set(graph.objects(process, DPV.hasDataSubject)) == {DPV.Customer, DPV.Subscriber}
    recipient = graph.value(process, DPV.hasRecipient)
    assert (recipient, RDF.type, DPV.DataProcessor) in graph
    assert graph.value(recipient, DPV.hasCountry) == LOC.US
    transfer = next(
        p for p in graph.objects(process, DPV.hasProcess) if graph.value(p, DPV.hasThirdCountry)
    )
    assert graph.value(transfer, DPV.hasRecipient) == recipient
    storage = graph.value(process, DPV.hasStorageCondition)
    assert str(graph.value(storage, DPV.hasDuration)) == "P3Y"
    rights = set(graph.objects(process, DPV.hasRight))
    assert {GDPR.A15, GDPR.A21, GDPR.A77} <= rights
    assert GDPR.A22 not in rights  # the register makes no automated decisions


def test_the_json_ld_states_nothing_that_was_not_entered(version: Version, reader: Client) -> None:
    document = json.loads(reader.get("/notices/asiakkaat/fi.jsonld").content)

    def values(node: Any) -> list[Any]:
        if isinstance(node, dict):
            return [v for child in node.values() for v in values(child)] + list(node.values())
        if isinstance(node, list):
            return [v for child in node for v in values(child)]
        return []

    assert all(value not in ("", None, [], {}) for value in values(document))
    texts = [v for v in values(document) if isinstance(v, dict) and "@language" in v]
    assert texts
    assert all(text["@language"] == "fi" for text in texts)


def test_the_page_links_its_json_ld_and_feed(version: Version, reader: Client) -> None:
    page = reader.get("/notices/asiakkaat/sv/").content.decode()
    assert (
        '<link rel="alternate" type="application/ld+json" href="/notices/asiakkaat/sv/v1.jsonld">'
        in page
    )
    assert 'type="application/atom+xml" href="/notices/asiakkaat/sv/feed.atom"' in page
    assert reader.get("/notices/asiakkaat/sv/v1.jsonld")["Access-Control-Allow-Origin"] == "*"


def test_the_embed_tells_which_version_a_reader_saw(version: Version, reader: Client) -> None:
    response = reader.get("/embed/asiakkaat/en/fragment.html")
    assert response["Seloste-Version"] == "1"
    assert response["ETag"] == f'"{version.content_hash}"'
    assert set(response["Access-Control-Expose-Headers"].split(", ")) == {"ETag", "Seloste-Version"}
    data = json.loads(reader.get("/notices/asiakkaat/en.json").content)
    assert (data["number"], data["content_hash"]) == (1, version.content_hash)


def set_published_at(version: Version, when: datetime.datetime) -> None:
    """Date a version as if published then; the trigger that keeps versions frozen is lifted
    for this one statement, inside the test's transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        Version.objects.filter(pk=version.pk).update(published_at=when)
        cursor.execute("SET LOCAL session_replication_role = origin")


def three_versions(owner: Any) -> Register:
    full_controller()
    register = full_register()
    days = [datetime.date(2026, 1, 15), datetime.date(2026, 3, 1), datetime.date(2026, 6, 1)]
    for number, effective in enumerate(days, start=1):
        Register.objects.filter(pk=register.pk).update(effective_date=effective)
        Purpose.objects.filter(register=register, position=0).update(
            description={
                "fi": f"Tilaukset {number}",
                "en": f"Orders {number}",
                "sv": f"Order {number}",
            }
        )
        register.refresh_from_db()
        published = register_publish(register=register, user=owner, summary=f"Change {number}")
        assert published is not None
        assert published.number == number
        set_published_at(
            published, timezone.make_aware(datetime.datetime.combine(effective, datetime.time(9)))
        )
    return register


@pytest.mark.parametrize(
    ("day", "number"),
    [("2026-01-15", 1), ("2026-02-28", 1), ("2026-03-01", 2), ("2026-05-31", 2), ("2026-12-01", 3)],
)
def test_the_version_in_force_on_a_day(
    in_acme: Organisation, owner: Any, reader: Client, day: str, number: int
) -> None:
    three_versions(owner)
    response = reader.get(f"/notices/asiakkaat/en/at/{day}/")
    assert response.status_code == 302
    assert response["Location"] == f"/notices/asiakkaat/en/v{number}/"


@pytest.mark.parametrize("day", ["2026-01-14", "2026-02-30", "yesterday", "2026-1-5"])
def test_no_version_before_the_first_or_on_no_day(
    in_acme: Organisation, owner: Any, reader: Client, day: str
) -> None:
    three_versions(owner)
    assert reader.get(f"/notices/asiakkaat/en/at/{day}/").status_code == 404


def test_a_version_published_later_was_not_in_force_before(
    in_acme: Organisation, owner: Any, reader: Client
) -> None:
    register = three_versions(owner)
    # Version 3 says it took effect on 1 June, but it was published only on 10 June.
    late = timezone.make_aware(datetime.datetime(2026, 6, 10, 9))
    set_published_at(register.versions.get(number=3), late)
    assert reader.get("/notices/asiakkaat/en/at/2026-06-05/")["Location"].endswith("/v2/")
    assert reader.get("/notices/asiakkaat/en/at/2026-06-10/")["Location"].endswith("/v3/")


def test_the_feed_lists_every_version_with_its_summary(
    in_acme: Organisation, owner: Any, reader: Client
) -> None:
    three_versions(owner)
    response = reader.get("/notices/asiakkaat/fi/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314  (our own output)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Versio 3", "Versio 2", "Versio 1"]
    assert [e.findtext(f"{ATOM}summary") for e in entries] == ["Change 3", "Change 2", "Change 1"]
    links = [str(e.find(f"{ATOM}link").get("href")) for e in entries]  # type: ignore[union-attr]
    assert links[0].endswith("/notices/asiakkaat/fi/v3/")
    assert entries[2].findtext(f"{ATOM}updated", "").startswith("2026-01-15")
    assert reader.get("/notices/asiakkaat/de/feed.atom").status_code == 404
    assert reader.get("/notices/unknown/fi/feed.atom").status_code == 404
