"""``scripts/setup`` on a fresh clone: the lock and uv against the previous pip set-up.

Clones the repository twice into temporary folders, once at a commit whose ``scripts/setup``
installs with pip (``--before``, the last one before the lock by default) and once at ``HEAD``,
and runs each clone's ``scripts/setup`` from nothing: no ``.venv``, no ``.venv-tools``, a new
embedded database. A first round fills the package caches (pip's and uv's) and is not counted;
the timed rounds then alternate the two, each on a clone of its own, so that a busy machine
disturbs both alike.

    .venv/bin/python bench/setup.py --rounds 2

``PYTHON`` (the interpreter both set-ups use) is passed on as it is.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The last commit whose scripts/setup ran `pip install -e ".[dev]"`.
BEFORE = "0ae4bca"
TARGET_SECONDS = 30.0


def clone(commit: str, into: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "checkout", "--quiet", commit], check=True)
    return into


def set_up(commit: str, folder: Path) -> float:
    """Seconds of one fresh clone's ``scripts/setup``."""
    checkout = clone(commit, folder)
    start = time.perf_counter()
    subprocess.run(["scripts/setup"], cwd=checkout, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    # The clone's embedded database server stops with the last process that used it; its files
    # go with the folder.
    shutil.rmtree(checkout, ignore_errors=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds of each")
    parser.add_argument("--before", default=BEFORE, help="the commit of the pip set-up")
    args = parser.parse_args()
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    kinds = {"pip (before)": args.before, "uv + uv.lock": head}
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory(prefix="seloste-setup-") as scratch:
        for number in range(args.rounds + 1):
            for kind, commit in kinds.items():
                seconds = set_up(commit, Path(scratch) / f"{number}-{commit[:7]}")
                label = "warm-up (not counted)" if number == 0 else f"round {number}"
                print(f"{label}: {kind} {seconds:.1f} s", flush=True)
                if number:
                    times[kind].append(seconds)
    report(times)


def report(times: dict[str, list[float]]) -> None:
    print("| set-up | rounds | median s | min s | max s |\n|---|---:|---:|---:|---:|")
    for kind, values in times.items():
        median = statistics.median(values)
        print(f"| {kind} | {len(values)} | {median:.1f} | {min(values):.1f} | {max(values):.1f} |")
    before, after = (statistics.median(values) for values in times.values())
    verdict = "meets" if after <= TARGET_SECONDS else "misses"
    print(f"ratio pip / uv: {before / after:.1f}x; uv {after:.1f} s {verdict} the target")


if __name__ == "__main__":
    main()
