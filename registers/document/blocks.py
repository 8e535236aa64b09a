"""The parts of a notice document (sections, blocks, items) and the helpers that word them.

Blocks hold plain text rendered from the small templates of ``templates/notices/text/`` under
``translation.override(language)``; each block and item names the field it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.template import Context, Engine

PARAGRAPH = "paragraph"
LIST = "list"
DEFINITIONS = "definitions"
TABLE = "table"

# The order Finnish readers know from the old "rekisteriseloste" (see LEGAL.md).
SECTION_ORDER = (
    "controller",
    "dpo",
    "contact",
    "register",
    "purposes",
    "data",
    "sources",
    "recipients",
    "transfers",
    "retention",
    "protection",
    "rights",
    "cookies",
    "automated",
)

# Plain text, escaped by each writer for its own format; hence no autoescaping here.
_TEXT = Engine(
    dirs=[str(settings.BASE_DIR / "templates")],
    libraries={"i18n": "django.templatetags.i18n"},
    autoescape=False,
)


@dataclass(frozen=True)
class Item:
    """One entry of a list, a definition list or a table row; ``term`` only in definition lists."""

    text: str
    source: str
    term: str = ""


@dataclass(frozen=True)
class Block:
    kind: str
    source: str
    text: str = ""
    items: tuple[Item, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[Item, ...], ...] = ()
    # Art. 21(4): the right to object is brought to attention apart from everything else.
    emphasis: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class NoticeDocument:
    language: str
    languages: tuple[str, ...]
    slug: str
    title: str
    controller: str
    heading: str
    sections: tuple[Section, ...]
    effective_date: str = ""
    updated: str = ""
    # The layer read first (WP260): the same facts, said in a few lines before the sections.
    summary: Section | None = None
    meta: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NoticeDocument:
        sections = tuple(_section_from_dict(s) for s in data["sections"])
        summary = _section_from_dict(data["summary"]) if data.get("summary") else None
        scalars = {k: v for k, v in data.items() if k not in {"sections", "languages", "summary"}}
        return cls(
            **scalars, languages=tuple(data["languages"]), sections=sections, summary=summary
        )

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def lines(self, key: str) -> list[str]:
        """The section's text, one line per paragraph, item or table row (for comparisons)."""
        section = self.section(key)
        return [line for block in section.blocks for line in block_lines(block)] if section else []

    def text(self) -> str:
        return "\n".join("\n".join([s.heading, *self.lines(s.key)]) for s in self.sections)

    def summary_lines(self) -> list[str]:
        blocks = self.summary.blocks if self.summary else ()
        return [line for block in blocks for line in block_lines(block)]


def _section_from_dict(data: dict[str, Any]) -> Section:
    return Section(
        key=data["key"],
        heading=data["heading"],
        blocks=tuple(_block_from_dict(b) for b in data["blocks"]),
    )


def _block_from_dict(data: dict[str, Any]) -> Block:
    return Block(
        kind=data["kind"],
        source=data["source"],
        text=data.get("text", ""),
        items=tuple(Item(**i) for i in data.get("items", ())),
        header=tuple(data.get("header", ())),
        rows=tuple(tuple(Item(**c) for c in row) for row in data.get("rows", ())),
        emphasis=data.get("emphasis", False),
    )


def block_lines(block: Block) -> list[str]:
    if block.kind == PARAGRAPH:
        return [block.text]
    if block.kind == TABLE:
        return [" | ".join(cell.text for cell in row) for row in block.rows]
    return [f"{i.term}: {i.text}" if i.term else i.text for i in block.items]


def say(template: str, /, **context: Any) -> str:
    """Render ``notices/text/<name>.txt`` in the active language, as one line of plain text."""
    rendered = _TEXT.get_template(f"notices/text/{template}.txt").render(
        Context(context, autoescape=False)
    )
    return " ".join(rendered.split())


def paragraph(text: str, source: str, *, emphasis: bool = False) -> Block:
    return Block(kind=PARAGRAPH, source=source, text=text, emphasis=emphasis)


def bullets(items: Iterable[Item], source: str) -> Block:
    return Block(kind=LIST, source=source, items=tuple(items))


def definitions(items: Iterable[Item], source: str) -> Block:
    return Block(kind=DEFINITIONS, source=source, items=tuple(i for i in items if i.text))


def table(header: Sequence[str], rows: Iterable[Sequence[Item]], source: str) -> Block:
    return Block(kind=TABLE, source=source, header=tuple(header), rows=tuple(map(tuple, rows)))


def term(key: str, text: str, source: str) -> Item:
    return Item(term=say("label", key=key), text=text, source=source)


def lower_first(text: str) -> str:
    # Only a capital followed by a small letter: "Newsletter" -> "newsletter", "EU" stays.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
