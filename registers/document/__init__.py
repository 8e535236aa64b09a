"""A register as one notice document: ordered sections of blocks, worded in one language.

Every output (the hosted page, the PDF, the embed, the JSON) writes this one document and adds
nothing of its own, and every block and item names the field it came from (``source``, such as
``"purposes[0].basis"``), so a sentence in any output leads back to its field in one hop.

This package decides what is said, in which order and from which field: one module per group of
sections (``controller``, ``purposes``, ``recipients``, ``retention``, ``rights``, ``cookies``,
``dates``), the parts in ``blocks`` and the assembling in ``assemble``. The wording itself lives
in the small templates of ``templates/notices/text/`` and the translation catalogs.
"""

from __future__ import annotations

from registers.document.assemble import build_document
from registers.document.blocks import SECTION_ORDER, Block, Item, NoticeDocument, Section
from registers.document.rights import rights_in

__all__ = [
    "SECTION_ORDER",
    "Block",
    "Item",
    "NoticeDocument",
    "Section",
    "build_document",
    "rights_in",
]
