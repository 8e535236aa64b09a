"""scripts/start: SELOSTE_LISTEN also sets the port that links between hosts are written with."""

from __future__ import annotations

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "start"


def port_for(**env: str) -> str:
    # The script's own lines up to the server's start, with the set-up and demo steps left out.
    lines = [
        line
        for line in SCRIPT.read_text().splitlines()
        if line.startswith(("listen=", "export SELOSTE_PORT"))
    ]
    assert len(lines) == 2, lines
    result = subprocess.run(
        ["/bin/bash", "-c", "\n".join([*lines, 'echo "$SELOSTE_PORT"'])],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_port_follows_seloste_listen() -> None:
    assert port_for() == "8000"
    assert port_for(SELOSTE_LISTEN="127.0.0.1:8123") == "8123"
    assert port_for(SELOSTE_LISTEN="0.0.0.0:8123", SELOSTE_PORT="443") == "443"
