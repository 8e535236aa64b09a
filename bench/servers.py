"""gunicorn against granian: the same app, workers, URLs and load, in one run.

Publishes a notice and signs an editor in (as ``bench/load.py`` does, in the database
``seloste_bench_load``), then serves ``config.wsgi`` on 127.0.0.1 with each server in turn,
``--workers`` processes each handling one request at a time (gunicorn's sync workers; granian's
WSGI interface with one blocking thread per worker), and sends each URL ``--clients`` request
loops for ``--seconds``, a new connection per request. Rounds alternate the servers, so that a
busy machine disturbs both alike. The URLs: the embed fragment and a static file through
WhiteNoise (``bench/public.py``'s), the hosted notice page, and an editor's section page.

    .venv/bin/python bench/servers.py --seconds 10 --rounds 2 --clients 8 --workers 4
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the project is not on the path

from bench.load import LOOPBACK, ORG_HOST, one, set_up  # noqa: E402

PORT = 8766
URLS = {
    "embed fragment": (ORG_HOST, "/embed/bench/fi/fragment.html", False),
    "static file (WhiteNoise)": (ORG_HOST, "/static/css/app.css", False),
    "notice page": (ORG_HOST, "/notices/bench/fi/", False),
    "editor section": (ORG_HOST, "/registers/bench/edit/purposes/", True),
}
BIN = Path(sys.executable).parent


def command(server: str, port: int, workers: int) -> list[str]:
    bind = ["--bind", f"{LOOPBACK}:{port}"]
    if server == "gunicorn":
        return [str(BIN / "gunicorn"), *bind, "--workers", str(workers), "--log-level", "warning",
                "config.wsgi:application"]  # fmt: skip
    return [str(BIN / "granian"), "--interface", "wsgi", "--host", LOOPBACK, "--port", str(port),
            "--workers", str(workers), "--blocking-threads", "1", "--no-ws",
            "--log-level", "warning", "config.wsgi:application"]  # fmt: skip


def start(server: str, url: str, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command(server, PORT, workers), cwd=ROOT, env=env)
    for _ in range(150):
        if one(PORT, ORG_HOST, "/health/live/", "")[0] == 200:
            return process
        time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"{server} did not start")


def loop(args: tuple[str, str, str, float]) -> tuple[list[float], int]:
    host, path, cookie, deadline = args
    latencies, errors = [], 0
    while time.time() < deadline:
        status, seconds = one(PORT, host, path, cookie)
        latencies.append(seconds)
        errors += status != 200
    return latencies, errors


def measure(name: str, session: str, seconds: float, clients: int) -> tuple[float, float, int]:
    """Requests per second, p99 ms and errors of ``clients`` loops on one URL."""
    host, path, signed_in = URLS[name]
    cookie = f"sessionid={session}" if signed_in else ""
    deadline = time.time() + seconds
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        parts = pool.map(loop, [(host, path, cookie, deadline)] * clients)
    latencies = [value for part, _e in parts for value in part]
    errors = sum(e for _p, e in parts)
    p99 = statistics.quantiles(latencies, n=100, method="inclusive")[98] * 1000
    return len(latencies) / seconds, p99, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per URL, server and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    url, session = set_up()
    results: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    for _ in range(args.rounds):
        for server in ("gunicorn", "granian"):
            process = start(server, url, args.workers)
            try:
                for name in URLS:
                    measure(name, session, 1.0, args.clients)  # warm-up
                    row = measure(name, session, args.seconds, args.clients)
                    results.setdefault((server, name), []).append(row)
            finally:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    report(results, args)


def report(results: dict[tuple[str, str], list[Any]], args: Any) -> None:
    print(f"{args.workers} workers, {args.clients} client processes, {args.seconds:g} s per URL")
    print("| URL | gunicorn req/s | granian req/s | ratio | gunicorn p99 ms | granian p99 ms |"
          " errors |\n|---|---:|---:|---:|---:|---:|---:|")  # fmt: skip
    for name in URLS:
        rps = {
            s: statistics.mean(r for r, _p, _e in results[s, name]) for s in ("gunicorn", "granian")
        }
        p99 = {
            s: statistics.mean(p for _r, p, _e in results[s, name]) for s in ("gunicorn", "granian")
        }
        errors = sum(e for s in ("gunicorn", "granian") for _r, _p, e in results[s, name])
        print(f"| {name} | {rps['gunicorn']:.0f} | {rps['granian']:.0f} | "
              f"{rps['granian'] / rps['gunicorn']:.2f} | {p99['gunicorn']:.1f} | "
              f"{p99['granian']:.1f} | {errors} |")  # fmt: skip


if __name__ == "__main__":
    main()
