"""The embed fragment against the same bytes as a static file, served by the same server.

Publishes a notice in a database of its own, writes the latest fragment's bytes to a file, and
starts gunicorn (sync workers on 127.0.0.1) with one WSGI entry point that serves that file itself
under /baseline/fragment.html ("bare WSGI") and passes every other path to Django, where
WhiteNoise serves the same bytes as a project static file (/static/bench-fragment.html, removed
afterwards). A bounded load generator (wrk when installed, else processes of its own, a new
connection per request as sync workers close it) then measures requests per second and the
99th-percentile latency of the three URLs, alternating rounds so that a busy machine disturbs
them alike, and reports the ratios. The CPU time of one request through the same WSGI entry
point, in this process without any network, is measured beside it: the steadier figure.

    .venv/bin/python bench/public.py --seconds 10 --clients 8 --workers 4

Without DATABASE_URL the embedded server gets a fresh database ``seloste_bench_outputs``
(dropped and created again on each run), never the development database.
"""

from __future__ import annotations

import argparse
import http.client
import io
import multiprocessing
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "seloste_bench_outputs"
HOST = "bench.localhost"
FRAGMENT = "/embed/bench/fi/fragment.html"
BASELINE = "/baseline/fragment.html"
# The project's own static files path: WhiteNoise, in the same Django app, before any tenant work.
WHITENOISE_FILE = ROOT / "static" / "bench-fragment.html"
WHITENOISE = "/static/bench-fragment.html"
PATHS = (FRAGMENT, WHITENOISE, BASELINE)
TARGET_RATIO = 0.8


def set_up_django() -> str:
    """Point Django at the bench database and return its URL for the server's workers."""
    sys.path.insert(0, str(ROOT))  # run as a script: the project is not on the path
    from bench.provision import use_database

    return use_database(BENCH_DATABASE)


def publish_notice() -> bytes:
    """A published notice in organisation ``bench``; returns its Finnish fragment's bytes."""
    from django.contrib.auth import get_user_model
    from django_tenants.utils import schema_context

    from bench.provision import bootstrap
    from registers.publishing.versions import register_publish
    from tenants.models import organisation_create
    from tests.registers.document.test_document import full_controller, full_register

    bootstrap()
    user = get_user_model().objects.create_user("bench@example.com", "bench@example.com", "x")
    organisation = organisation_create(name="Bench Oy", slug="bench", owner=user)
    with schema_context(organisation.schema_name):
        full_controller()
        version = register_publish(register=full_register("bench"), user=user, summary="")
        assert version is not None
        return version.outputs.get(language="fi").fragment.encode()


def add_organisations(count: int) -> None:
    """Other organisations beside the bench's, as a busy installation has them."""
    from django.contrib.auth import get_user_model

    from tenants.models import organisation_create

    owner = get_user_model().objects.create_user("others@example.com", "others@example.com", "x")
    for number in range(count):
        organisation_create(name=f"Other {number}", slug=f"other-{number}", owner=owner)
    if count:
        print(f"{count + 1} organisations present")


def baseline_app(path: str, body: bytes, django_app: Callable[..., Any]) -> Callable[..., Any]:
    """WSGI: the file's bytes at BASELINE, as a static file server sends them; Django elsewhere."""

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != path:
            return django_app(environ, start_response)  # type: ignore[no-any-return]
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "public, max-age=60"),
            ("Access-Control-Allow-Origin", "*"),
        ]
        start_response("200 OK", headers)
        return [body]

    return application


def wsgi() -> Callable[..., Any]:
    """gunicorn's entry point (``bench.public:wsgi()``): reads the file named in the environment."""
    sys.path.insert(0, str(ROOT))
    from django.core.wsgi import get_wsgi_application

    body = Path(os.environ["SELOSTE_BENCH_FILE"]).read_bytes()
    return baseline_app(BASELINE, body, get_wsgi_application())


def cpu_ms(application: Callable[..., Any], path: str, runs: int = 2000) -> float:
    """CPU milliseconds of one request through ``application``, called directly."""

    def call() -> None:
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": HOST,
            "SERVER_PORT": "80", "HTTP_HOST": HOST, "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
        }  # fmt: skip
        statuses: list[str] = []
        b"".join(application(environ, lambda status, headers: statuses.append(status)))
        assert statuses[0].startswith("200"), statuses

    for _ in range(100):
        call()
    start = time.process_time()
    for _ in range(runs):
        call()
    return (time.process_time() - start) / runs * 1000


def client(port: int, path: str, seconds: float, out: Any) -> None:
    latencies = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        latencies.append(time.perf_counter() - start)
    out.put(latencies)


def load(port: int, path: str, seconds: float, clients: int) -> tuple[float, float]:
    """Requests per second and p99 latency (ms): with wrk if installed, else in Python."""
    if shutil.which("wrk"):
        return load_wrk(port, path, seconds, clients)
    return load_python(port, path, seconds, clients)


WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load_wrk(port: int, path: str, seconds: float, clients: int) -> tuple[float, float]:
    command = [
        "wrk",
        f"-t{min(2, clients)}",
        f"-c{clients}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
    ]
    command += ["-H", f"Host: {HOST}", f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"{path}: errors\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])  # type: ignore[index]
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)$", output, re.M).groups()  # type: ignore[union-attr]
    return rps, float(value) * WRK_UNITS[unit]


def load_python(port: int, path: str, seconds: float, clients: int) -> tuple[float, float]:
    """``clients`` request loops in processes of their own, a new connection per request."""
    queue: Any = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=client, args=(port, path, seconds, queue))
        for _ in range(clients)
    ]
    for process in processes:
        process.start()
    latencies = [value for _ in processes for value in queue.get()]
    for process in processes:
        process.join()
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    return len(latencies) / seconds, p99


def start_server(url: str, body_file: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SELOSTE_BENCH_FILE": str(body_file),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    command += ["--log-level", "warning", "bench.public:wsgi()"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", BASELINE, headers={"Host": HOST})
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per URL and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--organisations",
        type=int,
        default=1,
        help="organisations present in the database (the bench's own included)",
    )
    args = parser.parse_args()
    url = set_up_django()
    body = publish_notice()
    add_organisations(args.organisations - 1)
    with tempfile.TemporaryDirectory() as folder:
        body_file = Path(folder) / "fragment.html"
        body_file.write_bytes(body)
        WHITENOISE_FILE.write_bytes(body)
        try:
            results = run_rounds(url, body_file, args)
            from django.core.wsgi import get_wsgi_application

            application = baseline_app(BASELINE, body, get_wsgi_application())
            cpu = {path: cpu_ms(application, path) for path in PATHS}
        finally:
            WHITENOISE_FILE.unlink()
    report(results, cpu, len(body), args)


def run_rounds(url: str, body_file: Path, args: Any) -> dict[str, list[tuple[float, float]]]:
    server = start_server(url, body_file, args.port, args.workers)
    try:
        results: dict[str, list[tuple[float, float]]] = {path: [] for path in PATHS}
        for path in PATHS:
            load(args.port, path, 1.0, args.clients)  # warm-up
        for _ in range(args.rounds):
            for path in PATHS:
                results[path].append(load(args.port, path, args.seconds, args.clients))
        return results
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def report(
    results: dict[str, list[tuple[float, float]]], cpu: dict[str, float], size: int, args: Any
) -> None:
    rps = {path: statistics.mean(r for r, _p in rounds) for path, rounds in results.items()}
    p99 = {path: statistics.mean(p for _r, p in rounds) for path, rounds in results.items()}
    ratio = rps[FRAGMENT] / rps[BASELINE]
    ratio_whitenoise = rps[FRAGMENT] / rps[WHITENOISE]
    tool = "wrk" if shutil.which("wrk") else "a Python load generator"
    print(
        f"gunicorn {args.workers} sync workers, {args.clients} connections ({tool}), {size} bytes"
    )
    print("| endpoint | requests/s | p99 ms | CPU ms per request (in process) |\n|---|---|---|---|")
    names = ("embed fragment (Django)", "same bytes, WhiteNoise", "same bytes, bare WSGI")
    for name, path in zip(names, PATHS, strict=True):
        print(f"| {name} | {rps[path]:.0f} | {p99[path]:.1f} | {cpu[path]:.3f} |")
    for name, value in (("WhiteNoise", ratio_whitenoise), ("bare WSGI", ratio)):
        verdict = "meets" if value >= TARGET_RATIO else "misses"
        print(f"ratio fragment / {name}: {value:.2f} ({verdict} the target {TARGET_RATIO})")


if __name__ == "__main__":
    main()
