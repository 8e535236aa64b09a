"""How long the portfolio dashboard takes for a user with many organisations, and its queries.

Makes ``--count`` organisations with one owner, each with two registers from sector templates,
in a database of its own (``seloste_bench_portfolio``, dropped and created afresh; or the throwaway
one that DATABASE_URL names), then asks the dashboard on the base domain through the test client:

- cold: the checker's remembered counts cleared, so every register is checked once;
- warm: as after editing, when the editor has remembered each register's count.

The baseline, measured in the same run, is one organisation's own register list (which checks
every register of that organisation each time). It reports the median of ``--rounds`` requests,
the milliseconds per organisation, the SELECT statements per organisation and the ratio of a warm
dashboard of all organisations to one organisation's register list.

    .venv/bin/python bench/portfolio.py --count 30 --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.provision import bootstrap, use_database

DATABASE = "seloste_bench_portfolio"
SECTORS = ("web-shop", "clinic")


def make_organisations(count: int) -> Any:
    from django.contrib.auth import get_user_model
    from django_tenants.utils import schema_context

    from registers.sectors import create_from_sector
    from tenants.models import organisation_create

    user = get_user_model().objects.create_user("agency@bench.example", "agency@bench.example")
    for number in range(count):
        organisation = organisation_create(
            name=f"Client {number:03d}", slug=f"client-{number:03d}", owner=user
        )
        with schema_context(organisation.schema_name):
            for sector in SECTORS:
                name = {"fi": f"Rekisteri {sector}", "en": f"Register {sector}"}
                create_from_sector(sector, name=name, slug=sector, languages=["fi", "en"])
    return user


def timed(client: Any, path: str, host: str, *, clear: bool) -> tuple[float, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if clear:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path, HTTP_HOST=host)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    selects = sum(1 for q in queries.captured_queries if q["sql"].startswith("SELECT"))
    return elapsed, selects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    use_database(DATABASE)
    bootstrap()
    from django.conf import settings
    from django.test import Client

    user = make_organisations(args.count)
    client = Client()
    client.force_login(user)
    base, one = settings.BASE_DOMAIN, f"client-000.{settings.BASE_DOMAIN}"
    rows = {
        "dashboard, cold": [timed(client, "/organisations/", base, clear=True)],
        "dashboard, warm": [],
        "one organisation's register list": [],
    }
    for _round in range(args.rounds):
        rows["dashboard, cold"].append(timed(client, "/organisations/", base, clear=True))
        rows["dashboard, warm"].append(timed(client, "/organisations/", base, clear=False))
        rows["one organisation's register list"].append(timed(client, "/", one, clear=False))
    rows["dashboard, cold"].pop(0)  # the first request of the process warms the code up
    baseline = statistics.median(ms for ms, _ in rows["one organisation's register list"])
    print(f"{args.count} organisations, {len(SECTORS)} registers each, {args.rounds} rounds")
    print("| Page | Median ms | ms per organisation | SELECTs | Ratio to one register list |")
    print("|---|---:|---:|---:|---:|")
    for label, samples in rows.items():
        median = statistics.median(ms for ms, _ in samples)
        organisations = 1 if label.startswith("one") else args.count
        selects = samples[-1][1]
        print(
            f"| {label} | {median:.0f} | {median / organisations:.1f} | {selects} "
            f"| {median / baseline:.2f} |"
        )


if __name__ == "__main__":
    main()
