"""The notice document as JSON: the same sections and blocks, each with its source field."""

from __future__ import annotations

import json

from registers.document import NoticeDocument

FORMAT = "seloste.notice"
VERSION = 1


def render_json(document: NoticeDocument, *, number: int | None = None) -> str:
    data = {"format": FORMAT, "version": VERSION, "number": number, **document.to_dict()}
    return json.dumps(data, ensure_ascii=False, indent=2)
