"""How fast the editor answers, publishing takes and the checker runs, against a minimal page.

In a database of its own (``seloste_bench_editor``, dropped and created afresh; or the throwaway
one that DATABASE_URL names) organisation ``bench`` gets a full controller and the clinic sector
template in Finnish, English and Swedish. An owner signed in through the test client then asks,
``--rounds`` times each, in one process:

- the baseline: a minimal page behind the same middleware, log-in and role check, extending the
  same base template (added to the organisation's URLs for the run only);
- every section page of the editor (GET), and its save (POST of what the page shows, which
  writes the same answers again and bumps the register's version), the overview and the preview;
- each list's page with ``--rows`` rows in that list (a copy of the clinic with that one list
  grown), for the slope in rows;
- the checker on a register of 200 rows (25 in each of the eight lists);
- publishing the clinic in three languages with every output, warm, and in a fresh process.

It prints markdown tables: the median, its ratio to the baseline's median, and the SQL queries.

    .venv/bin/python bench/editor.py --rounds 15 --rows 25,50,100,200
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.provision import bootstrap, use_database

DATABASE = "seloste_bench_editor"
LANGUAGES = ["fi", "en", "sv"]
LISTS = (
    "purposes",
    "categories",
    "sources",
    "recipients",
    "transfers",
    "retention",
    "cookies",
    "joint_controllers",
)
# The section page that shows each list.
LIST_PAGE = {
    "joint_controllers": "basics",
    "purposes": "purposes",
    "categories": "categories",
    "sources": "sources",
    "recipients": "recipients",
    "transfers": "transfers",
    "retention": "retention",
    "cookies": "cookies",
}
# Rows for the lists the clinic leaves empty.
EXTRA_ROWS: dict[str, dict[str, Any]] = {
    "transfers": {
        "recipient": None,
        "country": "US",
        "country_unknown": False,
        "mechanism": "A46-2-c",
        "description": {"fi": "Yhteystiedot", "en": "Contact details", "sv": "Kontaktuppgifter"},
        "copy_available": {"fi": "Pyynnöstä", "en": "On request", "sv": "På begäran"},
    },
    "joint_controllers": {
        "name": "Yhteistyö Oy",
        "contact": "info@yhteistyo.example",
        "essence": {"fi": "Jaamme vastuut.", "en": "We share the duties.", "sv": "Vi delar."},
    },
}


def clinic_data() -> dict[str, Any]:
    from registers.sectors import load_sector

    data = load_sector("clinic")
    data["rights_email"] = "tietosuoja@bench.example"
    data["effective_date"] = "2026-01-15"
    return data


def grown(data: dict[str, Any], name: str, rows: int) -> dict[str, Any]:
    """The register data with list ``name`` holding ``rows`` rows (copies of its own)."""
    data = copy.deepcopy(data)
    pattern = data.get(name) or [EXTRA_ROWS[name]]
    data[name] = [copy.deepcopy(pattern[i % len(pattern)]) for i in range(rows)]
    if name == "transfers":
        data["has_transfers"] = True
    return data


def make_register(data: dict[str, Any], slug: str) -> Any:
    from registers.sectors import create_from_data

    name = {"fi": f"Rekisteri {slug}", "en": f"Register {slug}", "sv": f"Register {slug}"}
    return create_from_data(data, name=name, slug=slug, languages=LANGUAGES)


def set_up(row_counts: list[int]) -> tuple[Any, str]:
    """The organisation, its owner and every register the run asks for."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django_tenants.utils import schema_context

    from tenants.models import organisation_create
    from tests.registers.document.test_document import full_controller

    user = get_user_model().objects.create_user("owner@bench.example", "owner@bench.example")
    organisation = organisation_create(name="Bench Oy", slug="bench", owner=user)
    with schema_context(organisation.schema_name):
        full_controller()
        data = clinic_data()
        make_register(data, "clinic")
        for name in LISTS:
            for rows in row_counts:
                make_register(grown(data, name, rows), f"{name.replace('_', '-')}-{rows}")
        checked = data
        for name in LISTS:
            checked = grown(checked, name, 25)
        make_register(checked, "rows-200")
    return user, f"bench.{settings.BASE_DOMAIN}"


def add_baseline_url() -> None:
    """A minimal signed-in page on the organisation's host, for this run only."""
    from django.template import engines
    from django.urls import clear_url_caches, path

    from config import urls_tenants
    from tenants.access import role_required
    from tenants.models import Role

    source = '{% extends "base.html" %}{% block content %}ok{% endblock %}'
    template = engines["django"].from_string(source)

    @role_required(Role.VIEWER)
    def minimal(request: Any) -> Any:
        from django.http import HttpResponse

        return HttpResponse(template.render({}, request))

    urls_tenants.urlpatterns.insert(0, path("bench-minimal/", minimal))
    clear_url_caches()


def timed(call: Callable[[], Any], expect: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = call()
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == expect, (response.status_code, getattr(response, "url", ""))
    return elapsed, len(queries.captured_queries)


class Editor:
    """An owner's test client on the organisation's host, in English unless told otherwise."""

    def __init__(self, user: Any, host: str) -> None:
        from django.test import Client

        self.client = Client(HTTP_HOST=host)
        self.client.force_login(user)

    def get(self, url: str, language: str = "en") -> tuple[float, int]:
        return timed(lambda: self.client.get(url, HTTP_ACCEPT_LANGUAGE=language), 200)

    def save(self, url: str, language: str = "en") -> tuple[float, int]:
        """Post back what the page shows: the same answers, one version later."""
        from tests.registers.editor.test_editor_support import read_form

        data = read_form(self.client.get(url, HTTP_ACCEPT_LANGUAGE=language).content)
        return timed(lambda: self.client.post(url, data, HTTP_ACCEPT_LANGUAGE=language), 302)


def edit(slug: str, section: str) -> str:
    return f"/registers/{slug}/edit/{section}/"


def median(samples: list[tuple[float, int]]) -> float:
    return statistics.median(ms for ms, _ in samples)


def measure_pages(editor: Editor, rounds: int) -> dict[str, list[tuple[float, int]]]:
    """Every editor page of the clinic, in turn, round after round, in every language."""
    from registers.editor.sections import SECTIONS

    preview = edit("clinic", "basics") + "?preview=fi"
    pages: dict[str, tuple[Callable[[str, str], tuple[float, int]], str]] = {
        "baseline: minimal signed-in page": (editor.get, "/bench-minimal/"),
        "overview": (editor.get, "/registers/clinic/"),
        "preview (Finnish)": (editor.get, preview),
    }
    for section in SECTIONS:
        pages[f"{section} GET"] = (editor.get, edit("clinic", section))
        pages[f"{section} save"] = (editor.save, edit("clinic", section))
    samples: dict[str, list[tuple[float, int]]] = {label: [] for label in pages}
    for ask, url in pages.values():
        ask(url, "en")  # the first request of each page warms its templates up
    for _round in range(rounds):
        for language in LANGUAGES:
            for label, (ask, url) in pages.items():
                samples[label].append(ask(url, language))
    return samples


Rows = list[tuple[str, list[float], list[int]]]


def measure_rows(editor: Editor, rounds: int, counts: list[int]) -> Rows:
    """Each list's page at each row count: the median GET, its slope and the queries."""
    lines: Rows = []
    for name in LISTS:
        medians: list[float] = []
        queries: list[int] = []
        for rows in counts:
            url = edit(f"{name.replace('_', '-')}-{rows}", LIST_PAGE[name])
            editor.get(url)
            runs = [editor.get(url) for _ in range(rounds)]
            medians.append(median(runs))
            queries.append(runs[-1][1])
        lines.append((name, medians, queries))
    return lines


def slope(counts: list[int], times: list[float]) -> float:
    """Least-squares ms per 100 rows."""
    mean_x, mean_y = statistics.fmean(counts), statistics.fmean(times)
    top = sum((x - mean_x) * (y - mean_y) for x, y in zip(counts, times, strict=True))
    bottom = sum((x - mean_x) ** 2 for x in counts)
    return 100 * top / bottom if bottom else 0.0


def measure_checker(rounds: int) -> tuple[float, float]:
    """The checker on the 200-row register: median ms with its rows read, and with the reading."""
    from registers.compliance import check
    from registers.editor.views import PREFETCH
    from registers.models import Controller, Register

    controller = Controller.load()
    alone, with_reads = [], []
    for _round in range(rounds + 1):
        started = time.perf_counter()
        register = Register.objects.prefetch_related(*PREFETCH).get(slug="rows-200")
        loaded = time.perf_counter()
        check(register, controller)
        done = time.perf_counter()
        alone.append((done - loaded) * 1000)
        with_reads.append((done - started) * 1000)
    return statistics.median(alone[1:]), statistics.median(with_reads[1:])


def publish_once(serial: int) -> float:
    """Publish the clinic with one answer changed (so that there is a new version); ms."""
    from registers.models import Register
    from registers.publishing.versions import register_publish

    Register.objects.filter(slug="clinic").update(rights_email=f"tietosuoja{serial}@bench.example")
    register = Register.objects.get(slug="clinic")
    started, cpu = time.perf_counter(), time.process_time()
    version = register_publish(register=register, user=None, summary="")
    assert version is not None
    CPU_MS.append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - started) * 1000


# This process's CPU time of each publication (the database's is not in it): steadier than the
# wall clock on a busy machine.
CPU_MS: list[float] = []


def pdf_per_language(rounds: int) -> dict[str, float]:
    """WeasyPrint alone, per language of the clinic's notice, warm: median ms."""
    from registers.document import build_document
    from registers.models import Controller, Register
    from registers.render.pdf import render_pdf

    register = Register.objects.get(slug="clinic")
    controller = Controller.load()
    result = {}
    for language in LANGUAGES:
        document = build_document(register, controller, language)
        render_pdf(document, number=1)
        runs = []
        for _round in range(rounds):
            started = time.perf_counter()
            render_pdf(document, number=1)
            runs.append((time.perf_counter() - started) * 1000)
        result[language] = statistics.median(runs)
    return result


def fresh_publish(url: str, serial: int, *, warm: bool) -> dict[str, float]:
    """A new process publishes once, as a worker's first task would: its times, in ms.

    With ``warm`` it first loads what ``manage.py taskworker`` loads when it starts."""
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, __file__, "--fresh", str(serial), *(["--warm"] if warm else [])]
    started = time.perf_counter()
    output = subprocess.run(command, check=True, env=env, capture_output=True, text=True).stdout
    times: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    times["process"] = (time.perf_counter() - started) * 1000
    return times


def fresh_child(serial: int, *, warm: bool) -> None:
    """In the new process: Django set up, then the first publish and a second one."""
    started = time.perf_counter()
    use_database(DATABASE)
    from django_tenants.utils import schema_context

    if warm:
        from registers.render.pdf import warm_up

        warm_up()
    set_up = (time.perf_counter() - started) * 1000
    from tenants.models import Organisation

    with schema_context(Organisation.objects.get(slug="bench").schema_name):
        first = publish_once(serial)
        second = publish_once(serial + 1)
    times = {"setup": set_up, "first": first, "second": second}
    print(json.dumps({**times, "first CPU": CPU_MS[0], "second CPU": CPU_MS[1]}))


def report_pages(samples: dict[str, list[tuple[float, int]]]) -> None:
    baseline = median(samples["baseline: minimal signed-in page"])
    print("| Page | Median ms | Ratio to baseline | Queries | ≤ 50 ms |")
    print("|---|---:|---:|---:|---|")
    for label, runs in samples.items():
        ms = median(runs)
        verdict = "–" if label.startswith("baseline") else ("yes" if ms <= 50 else "no")
        print(f"| {label} | {ms:.1f} | {ms / baseline:.2f} | {runs[-1][1]} | {verdict} |")


def report_rows(counts: list[int], lines: Rows, baseline: float) -> None:
    heads = " | ".join(f"{n} rows ms" for n in counts)
    print(f"| List (page) | {heads} | Slope ms/100 rows | Queries | Ratio at {counts[-1]} |")
    print("|---|" + "---:|" * (len(counts) + 3))
    for name, medians, queries in lines:
        cells = " | ".join(f"{ms:.0f}" for ms in medians)
        spread = "–".join(sorted({str(q) for q in queries}))
        print(
            f"| {name} ({LIST_PAGE[name]}) | {cells} | {slope(counts, medians):.1f} | {spread} "
            f"| {medians[-1] / baseline:.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--rows", default="25,50,100,200")
    parser.add_argument("--publishes", type=int, default=5)
    parser.add_argument("--fresh", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fresh is not None:
        fresh_child(args.fresh, warm=args.warm)
        return
    counts = [int(n) for n in args.rows.split(",")]
    url = use_database(DATABASE)
    bootstrap()
    from django_tenants.utils import schema_context

    user, host = set_up(counts)
    add_baseline_url()
    editor = Editor(user, host)
    samples = measure_pages(editor, args.rounds)
    report_pages(samples)
    baseline = median(samples["baseline: minimal signed-in page"])
    print()
    report_rows(counts, measure_rows(editor, max(3, args.rounds // 3), counts), baseline)
    from tenants.models import Organisation

    with schema_context(Organisation.objects.get(slug="bench").schema_name):
        alone, with_reads = measure_checker(args.rounds)
        print(f"\nChecker, 200 rows: {alone:.1f} ms ({with_reads:.1f} ms with reading the rows)")
        pdfs = pdf_per_language(max(3, args.publishes))
        print("PDF per language (WeasyPrint alone, warm):", {k: round(v) for k, v in pdfs.items()})
        publish_once(0)
        warm = [publish_once(serial) for serial in range(1, args.publishes + 1)]
    print(f"Publish, three languages, warm: median {statistics.median(warm):.0f} ms")
    print(f"Publish, three languages, warm, CPU: median {statistics.median(CPU_MS[1:]):.0f} ms")
    for warmed in (False, True):
        serials = [1000 * (2 + warmed) + 10 * n for n in range(args.publishes)]
        fresh = [fresh_publish(url, serial, warm=warmed) for serial in serials]
        kind = "fresh process, warmed up as a worker" if warmed else "fresh process"
        for key in ("setup", "first", "first CPU", "second", "second CPU", "process"):
            ms = statistics.median(f[key] for f in fresh)
            print(f"Publish, {kind}, {key}: median {ms:.0f} ms")


if __name__ == "__main__":
    main()
