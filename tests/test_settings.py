from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "SELOSTE_PRODUCTION": "true",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    # The deployment checks need settings, not a server: nothing listens on this port.
    "DATABASE_URL": "postgres://seloste@127.0.0.1:9/seloste",
    "SELOSTE_BASE_DOMAIN": "seloste.example",
    "EMAIL_HOST": "smtp.seloste.example",
}


# The browser tests' conftest sets this for their own process; a deployment never has it.
INHERITED = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**INHERITED, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deployment_checklist_finds_nothing_in_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **{**PRODUCTION, "DJANGO_SECRET_KEY": ""})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_a_malformed_setting_stops_start_up_with_its_name():
    result = manage("check", **{**PRODUCTION, "DATABASE_CONN_MAX_AGE": "ten"})

    assert result.returncode != 0
    assert "DATABASE_CONN_MAX_AGE must be a whole number" in result.stderr


def test_production_refuses_to_start_in_debug_mode():
    result = manage("check", **{**PRODUCTION, "DJANGO_DEBUG": "true"})

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_hsts_preload_is_off_unless_the_operator_asks():
    show = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"

    default = manage("shell", "--no-imports", "-c", show, **PRODUCTION)
    asked = manage(
        "shell", "--no-imports", "-c", show, **{**PRODUCTION, "SECURE_HSTS_PRELOAD": "true"}
    )

    assert default.stdout.strip().splitlines()[-1] == "False", default.stderr
    assert asked.stdout.strip().splitlines()[-1] == "True", asked.stderr
