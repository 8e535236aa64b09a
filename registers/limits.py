"""How much one register may hold: limits that the editor and the importer hold alike."""

from __future__ import annotations

# A list (purposes, recipients, cookies, ...) holds at most this many rows; more is refused, not
# silently cut. Every row is rendered into every output, so the cap bounds publishing's work too.
MAX_ROWS = 200
