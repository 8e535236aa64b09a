"""How long signing up one organisation takes, and whether that grows with their number.

Signs up organisations one after another through the real sign-up view (a test client posting to
/signup/ on the base domain, as a browser would) against a database of its own, and reports the
median, the 95th percentile and the slope of the per-sign-up times, in wall-clock time and in CPU
time (this process and its database backend, which a busy machine disturbs less). The password
hash, which costs the same in every sign-up on purpose, is timed in the same run, beside them.

    .venv/bin/python bench/provision.py --count 200

Without DATABASE_URL the embedded server gets a fresh database ``seloste_bench`` (dropped and
created again on each run), never the development database; with DATABASE_URL that database is
used, and it must be a throwaway one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "seloste_bench"
TARGET_MS = 300.0
PASSWORD = "a long and unusual passphrase"  # noqa: S105 (the bench accounts' password)


def recreate_database(server: Any, name: str) -> None:
    """Drop and create database ``name`` on the server that ``server`` (a Django entry) names."""
    import psycopg

    params = {
        key.lower(): server[key] for key in ("HOST", "PORT", "USER", "PASSWORD") if server[key]
    }
    params.update(server.get("OPTIONS", {}))  # the embedded server's socket folder is one
    with psycopg.connect(dbname=server["NAME"], autocommit=True, **params) as connection:
        # A constant name: nothing from outside reaches these statements.
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def use_database(name: str) -> str:
    """Set Django up on a fresh database ``name`` (or DATABASE_URL's); return its URL.

    Importing the settings starts the embedded server; they are pointed at a database of the
    benchmark's own on it before Django reads them, so the development database is never touched.
    """
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # One client signs up hundreds of organisations here; the throttle is for strangers.
    os.environ.setdefault("SIGNUP_RATE", "1000000/h")
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        from config import settings as project

        database = project.DATABASES["default"]
        recreate_database(database, name)
        database["NAME"] = name
        socket = database.get("OPTIONS", {}).get("host", "")
        url = f"postgresql://{database['USER']}@/{name}?host={quote(socket)}"
    import django

    django.setup()
    return url


def set_up_django() -> None:
    use_database(BENCH_DATABASE)


def bootstrap() -> None:
    """Migrate the bench database as a deploy would, with the project's own command."""
    from django.core.management import call_command

    call_command("bootstrap", verbosity=0)


class Sample(NamedTuple):
    wall_ms: float
    cpu_ms: float | None  # this process and its database backend; None if unreadable


def backend_cpu_ms() -> tuple[int, float] | None:
    """The database backend's process id and CPU time so far, if it runs on this machine."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return pid, (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def sign_up_one(client: Any, run: str, number: int) -> Sample:
    """Sign up organisation ``number`` through the view, as a new visitor; time it."""
    slug = f"b{run}-{number:05d}"
    form = {
        "name": f"Bench Organisation {number}",
        "slug": slug,
        "email": f"owner-{slug}@bench.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    client.cookies.clear()
    backend_before, cpu_before = backend_cpu_ms(), time.process_time()
    started = time.perf_counter()
    response = client.post("/signup/", form)
    wall = (time.perf_counter() - started) * 1000
    cpu, backend_after = (time.process_time() - cpu_before) * 1000, backend_cpu_ms()
    if response.status_code != 302:
        raise SystemExit(f"sign-up {number} failed with status {response.status_code}")
    if backend_before is None or backend_after is None or backend_before[0] != backend_after[0]:
        return Sample(wall, None)
    return Sample(wall, cpu + backend_after[1] - backend_before[1])


def hash_ms() -> Sample:
    """The password hash alone, which every sign-up pays once (and on purpose)."""
    from django.contrib.auth.hashers import make_password

    started, cpu_before = time.perf_counter(), time.process_time()
    make_password(PASSWORD)
    return Sample((time.perf_counter() - started) * 1000, (time.process_time() - cpu_before) * 1000)


def slope_per_100(times: list[float]) -> float:
    """Least-squares slope of time against the organisation's number, in ms per 100 of them."""
    xs = range(len(times))
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(times)
    numerator = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, times, strict=True))
    denominator = sum((x - mean_x) ** 2 for x in xs)
    return 100 * numerator / denominator if denominator else 0.0


def percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def row(label: str, times: list[float], hashing: float) -> str:
    """One markdown row: count, median, p95, slope, first and last tenth, hash, without hash."""
    tenth = max(1, len(times) // 10)
    first, last = statistics.median(times[:tenth]), statistics.median(times[-tenth:])
    median = statistics.median(times)
    verdict = "yes" if median - hashing < TARGET_MS and last < first * 1.25 else "no"
    return (
        f"| {len(times)} | {label} | {median:.0f} | {percentile(times, 0.95):.0f} "
        f"| {slope_per_100(times):+.1f} | {first:.0f} → {last:.0f} | {hashing:.0f} "
        f"| {median - hashing:.0f} | {verdict} |"
    )


HEADER = (
    "| Organisations | Measure | Median ms | p95 ms | Slope ms/100 | First → last tenth ms "
    "| Hash ms | Median without hash ms | Target met |\n"
    "|---:|---|---:|---:|---:|---:|---:|---:|---|"
)


def report(samples: list[Sample], hashes: list[Sample], seconds: float) -> str:
    wall = [sample.wall_ms for sample in samples]
    lines = [
        f"{len(samples)} organisations signed up in {seconds:.0f} s; target: under "
        f"{TARGET_MS:.0f} ms each without the password hash, last tenth within 25 % of the first",
        "",
        HEADER,
        row("wall clock", wall, statistics.median(h.wall_ms for h in hashes)),
    ]
    cpu = [sample.cpu_ms for sample in samples if sample.cpu_ms is not None]
    if len(cpu) == len(samples):
        hash_cpu = statistics.median(h.cpu_ms for h in hashes if h.cpu_ms is not None)
        lines.append(row("CPU (app + database)", cpu, hash_cpu))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="organisations to sign up")
    arguments = parser.parse_args()
    set_up_django()
    bootstrap()
    from django.test import Client

    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en")
    run = uuid.uuid4().hex[:6]
    samples: list[Sample] = []
    hashes: list[Sample] = []
    started = time.perf_counter()
    for number in range(1, arguments.count + 1):
        samples.append(sign_up_one(client, run, number))
        if number % 10 == 0:
            # Timed all along the run, so that a busy machine weighs on both alike.
            hashes.append(hash_ms())
        if number % 100 == 0:
            print(f"{number}: last {samples[-1].wall_ms:.0f} ms", file=sys.stderr)
    print(report(samples, hashes or [hash_ms()], time.perf_counter() - started))


if __name__ == "__main__":
    main()
