"""Time and memory of one PDF/UA notice: WeasyPrint rendering a three-page notice, A4, tagged.

Builds the notice of the first seed register (three pages in Finnish) in a database of its own,
then, in a process of its own, renders it once to warm the fonts and ``--runs`` times more, and
reports the median and the 95th percentile of the wall time, the median CPU time (steadier on a busy
machine), and the rendering process's peak resident memory (Python, Django, WeasyPrint, Pango and
the font, as a worker that renders PDFs would hold them).

    .venv/bin/python bench/pdf.py --runs 20

Without DATABASE_URL the embedded server gets a fresh database ``seloste_bench_outputs``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_16dadaf9113cd4ae.json"
TARGET_MS = 250.0
TARGET_MB = 150.0


def notice() -> object:
    from django.contrib.auth import get_user_model
    from django_tenants.utils import schema_context

    from bench.provision import bootstrap
    from registers.document import build_document
    from registers.portable import register_from_dict
    from tenants.models import organisation_create
    from tests.registers.document.test_document import full_controller

    bootstrap()
    user = get_user_model().objects.create_user("bench@example.com", "bench@example.com", "x")
    organisation = organisation_create(name="Bench Oy", slug="bench", owner=user)
    with schema_context(organisation.schema_name):
        register = register_from_dict(json.loads(SEED.read_text(encoding="utf-8")))
        return build_document(register, full_controller(), "fi")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--render", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.public import set_up_django

    set_up_django()
    if args.render:
        render(args.render, args.runs)
        return
    # The database work (migrations, the seed import) would dominate this process's peak memory,
    # so the rendering runs in a process of its own, as a worker that renders PDFs would.
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as file:
        json.dump(notice().to_dict(), file)  # type: ignore[attr-defined]
        file.flush()
        # Rendering reads no database: the child gets an address nothing listens on, so that it
        # neither starts nor recreates one.
        env = {**os.environ, "DATABASE_URL": "postgres://unused@127.0.0.1:9/unused"}
        subprocess.run(
            [sys.executable, __file__, "--render", file.name, "--runs", str(args.runs)],
            check=True,
            env=env,
        )


def peak_resident_mb() -> float:
    """This process's own high-water mark of resident memory.

    Not getrusage(): Linux carries ru_maxrss over an exec from the process that forked it, so a
    child would report its parent's peak (here, the migrations').
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def render(path: Path, runs: int) -> None:
    from pypdf import PdfReader

    from registers.document import NoticeDocument
    from registers.render.pdf import render_pdf

    document = NoticeDocument.from_dict(json.loads(path.read_text(encoding="utf-8")))
    pdf = render_pdf(document, number=1)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        render_pdf(document, number=1)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    peak_mb = peak_resident_mb()
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[18]
    print(f"{pages} pages, {len(pdf)} bytes, {runs} runs")
    print("| measure | result | target |\n|---|---|---|")
    print(f"| median time | {median:.0f} ms | < {TARGET_MS:.0f} ms |")
    print(f"| 95th percentile | {p95:.0f} ms | |")
    print(f"| median CPU time | {statistics.median(cpu):.0f} ms | |")
    print(f"| peak memory (rendering process) | {peak_mb:.0f} MB | < {TARGET_MB:.0f} MB |")


if __name__ == "__main__":
    main()
