"""The JSON-LD of a published version round-trips: read as RDF, written again as JSON-LD and read
back, it holds the same triples, and so the same facts of the register."""

from __future__ import annotations

from django.test import Client
from rdflib import Graph
from rdflib.compare import isomorphic

from registers.models import Version
from tests.registers.public.test_machine import DPV, GDPR, graph_of


def test_the_json_ld_round_trips_to_the_same_facts(version: Version, reader: Client) -> None:
    for language in version.languages:
        first = graph_of(reader.get(f"/notices/asiakkaat/{language}/v1.jsonld"))
        assert len(first) > 20
        written = first.serialize(format="json-ld")
        again = Graph().parse(data=written, format="json-ld")
        assert isomorphic(first, again), language
        bases = set(again.objects(None, DPV.hasLegalBasis))
        assert {GDPR["A6-1-b"], GDPR["A6-1-f"]} <= bases
        # The latest-version address states the same facts as the pinned one.
        latest = graph_of(reader.get(f"/notices/asiakkaat/{language}.jsonld"))
        assert len(latest) == len(first)
