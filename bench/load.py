"""Load on loopback: public pages and an editor mix, through gunicorn, bounded in count and time.

Creates a database of its own (``seloste_bench_load`` on the embedded server, dropped and created
again on each run; or the throwaway one that DATABASE_URL names), signs up organisation ``bench``,
publishes a notice, logs an editor in, then starts gunicorn (sync workers, 127.0.0.1 only) and sends
``--requests`` requests from ``--clients`` processes, a new connection per request, stopping at
``--seconds`` whatever the count. Reports errors (any status but 200, any failed connection) and
latency percentiles and requests per second, for each kind of request and in all.

    .venv/bin/python bench/load.py --requests 50000 --clients 8 --workers 4 --seconds 900
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "seloste_bench_load"
LOOPBACK = "127.0.0.1"
ORG_HOST = "bench.localhost"
SECTIONS = ("basics", "purposes", "categories", "recipients", "retention", "rights")
# (kind, host, path, signed in); the list is walked round-robin, so this is the mix.
PUBLIC = [
    ("landing", "localhost", "/", False),
    ("notice page", ORG_HOST, "/notices/bench/fi/", False),
    ("embed fragment", ORG_HOST, "/embed/bench/fi/fragment.html", False),
]
EDITOR = [("editor section", ORG_HOST, f"/registers/bench/edit/{s}/", True) for s in SECTIONS]
MIX = PUBLIC * 2 + EDITOR[:2] + PUBLIC * 2 + EDITOR[2:4] + PUBLIC * 2 + EDITOR[4:]


def set_up() -> tuple[str, str]:
    """The bench database with a published notice; returns its URL and an editor's session id."""
    sys.path.insert(0, str(ROOT))  # run as a script: the project is not on the path
    from bench.provision import use_database

    url = use_database(BENCH_DATABASE)
    return url, publish_and_log_in()


def publish_and_log_in() -> str:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_tenants.utils import schema_context

    from bench.provision import bootstrap
    from registers.publishing.versions import register_publish
    from tenants.models import Membership, Role, organisation_create
    from tests.registers.document.test_document import full_controller, full_register

    bootstrap()
    users = get_user_model().objects
    owner = users.create_user("owner@bench.example", "owner@bench.example", "x")
    editor = users.create_user("editor@bench.example", "editor@bench.example", "x")
    organisation = organisation_create(name="Bench Oy", slug="bench", owner=owner)
    Membership.objects.create(user=editor, organisation=organisation, role=Role.EDITOR)
    with schema_context(organisation.schema_name):
        full_controller()
        assert register_publish(register=full_register("bench"), user=owner, summary="")
    client = Client(HTTP_HOST=ORG_HOST)
    client.force_login(editor)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "--bind", f"{LOOPBACK}:{port}", "--workers", str(workers)]
    command += ["--log-level", "warning", "config.wsgi:application"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection(LOOPBACK, port, timeout=2)
            connection.request("GET", "/", headers={"Host": "localhost"})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def one(port: int, host: str, path: str, cookie: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
        headers = {"Host": host, "Accept-Language": "fi"}
        if cookie:
            headers["Cookie"] = cookie
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
        connection.close()
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def worker(args: tuple[int, int, int, float, str]) -> list[tuple[str, int, float]]:
    """Requests number ``index``, ``index + step``, ... of the mix, until the count or deadline."""
    index, step, count, deadline, session = args
    results = []
    for n in range(index, count, step):
        if time.time() > deadline:
            break
        kind, host, path, signed_in = MIX[n % len(MIX)]
        cookie = f"sessionid={session}" if signed_in else ""
        status, seconds = one(PORT, host, path, cookie)
        results.append((kind, status, seconds))
    return results


PORT = 8765


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def report(results: list[tuple[str, int, float]], elapsed: float) -> None:
    kinds = [*sorted({kind for kind, _s, _t in results}), "all"]
    print("| Requests | Kind | Errors | p50 ms | p95 ms | p99 ms | Requests/s |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for kind in kinds:
        rows = [r for r in results if kind in ("all", r[0])]
        times = [t for _k, _s, t in rows]
        errors = sum(1 for _k, status, _t in rows if status != 200)
        p50, p95, p99 = (percentile(times, q) for q in (50, 95, 99))
        rate = len(rows) / elapsed
        cells = [str(len(rows)), kind, str(errors), f"{p50:.1f}", f"{p95:.1f}", f"{p99:.1f}"]
        print("| " + " | ".join([*cells, f"{rate:.0f}"]) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=900.0, help="stop here whatever the count")
    args = parser.parse_args()
    url, session = set_up()
    server = start_server(url, PORT, args.workers)
    try:
        started = time.time()
        jobs = [
            (i, args.clients, args.requests, started + args.seconds, session)
            for i in range(args.clients)
        ]
        with multiprocessing.get_context("fork").Pool(args.clients) as pool:
            results = [row for part in pool.map(worker, jobs) for row in part]
        elapsed = time.time() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{len(results)} requests in {elapsed:.0f} s, gunicorn {args.workers} sync workers, ")
    print(f"{args.clients} client processes, a new connection per request, {LOOPBACK} only\n")
    report(results, elapsed)
    failed = [r for r in results if r[1] != 200]
    if failed:
        print(f"\nFirst errors: {failed[:5]}")


if __name__ == "__main__":
    main()
