"""Published outputs read from their version rows, and the few each process served last.

Publishing clears this process's memo (``forget_served``) so that it serves a new version at
once; the public views and their fast path read through it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from django.db import connection
from django.http import Http404

from registers.models import Version, VersionOutput


def find_version(slug: str, number: int | None = None) -> Version:
    versions = Version.objects.filter(register__slug=slug).defer("data", "script")
    version = versions.filter(number=number).first() if number else versions.first()
    if version is None:
        raise Http404
    return version


def find_output(slug: str, lang: str, number: int | None, *fields: str) -> VersionOutput:
    """One output of the latest version (or of version ``number``) in ``lang``, in one query."""
    versions = Version.objects.filter(register__slug=slug)
    if number:
        versions = versions.filter(number=number)
    output = (
        VersionOutput.objects.filter(language=lang, version=versions.values("pk")[:1])
        .select_related("version")
        .only("language", "version__number", "version__content_hash", *fields)
        .first()
    )
    if output is None:
        raise Http404
    return output


@dataclass(frozen=True)
class Served:
    body: str | bytes
    content_hash: str
    number: int
    expires: float


# Outputs never change, so each process keeps the ones it served last; entries live a few seconds
# only, so a newer version (published by another process) shows within that time everywhere,
# well inside the minute that Cache-Control already grants. Keys carry the schema.
MEMO_SECONDS = 10.0
MEMO_SIZE = 256
_memo: OrderedDict[tuple[str, str, str, int | None, str], Served] = OrderedDict()


def forget_served() -> None:
    """Called when this process publishes, so that it serves the new version at once."""
    _memo.clear()


def memoised(schema: str, slug: str, lang: str, number: int | None, field: str) -> Served | None:
    """The output this process served for that key within the last few seconds, if any."""
    hit = _memo.get((schema, slug, lang, number, field))
    return hit if hit is not None and hit.expires > time.monotonic() else None


def served(slug: str, lang: str, number: int | None, field: str) -> Served:
    # The tenant middleware has set the connection's schema to the host's organisation.
    key = (getattr(connection, "schema_name", ""), slug, lang, number, field)
    hit = memoised(*key)
    if hit is not None:
        return hit
    output = find_output(slug, lang, number, field)
    body = getattr(output, field)
    body = bytes(body) if isinstance(body, memoryview) else body
    return remember(key, body, output.version)


def remember(
    key: tuple[str, str, str, int | None, str], body: str | bytes, version: Version
) -> Served:
    """Keep one output served from ``version`` for a few seconds (see MEMO_SECONDS)."""
    hit = Served(body, version.content_hash, version.number, time.monotonic() + MEMO_SECONDS)
    _memo[key] = hit
    _memo.move_to_end(key)
    while len(_memo) > MEMO_SIZE:
        _memo.popitem(last=False)
    return hit
