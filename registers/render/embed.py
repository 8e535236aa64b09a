"""The embed script: one static file with the notice stylesheet folded in, and its SRI hash."""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static" / "notice"
PLACEHOLDER = '"__SELOSTE_CSS__"'


@cache
def embed_script() -> str:
    """The script as shipped with this release; a version keeps the copy it was published with."""
    script = (STATIC / "embed.js").read_text(encoding="utf-8")
    css = (STATIC / "embed.css").read_text(encoding="utf-8")
    return script.replace(PLACEHOLDER, json.dumps(css))


def sri(content: str | bytes) -> str:
    """Subresource Integrity value (sha384) for a <script integrity=...> of these exact bytes."""
    data = content.encode() if isinstance(content, str) else content
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
