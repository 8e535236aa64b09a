"""The notice document as JSON: the same sections and blocks, each with its source field."""

from __future__ import annotations

import json

from registers.document import NoticeDocument

FORMAT = "seloste.notice"
VERSION = 1


def render_json(
    document: NoticeDocument, *, number: int | None = None, content_hash: str | None = None
) -> str:
    """The JSON of ``document``; ``number`` and ``content_hash`` name the version it belongs to,
    so that a site's records can cite exactly the notice a reader saw."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "number": number,
        "content_hash": content_hash,
        **document.to_dict(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
