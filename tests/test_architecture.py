"""The rooms of the code import only downwards, as docs/architecture.md draws them.

Each room may import its own modules and those of the rooms listed for it, and nothing else of
ours; an import inside a function counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "registers"
PLUMBING = {"tenants.schemas", "tenants.queue"}
ORGANISATIONS = {"tenants", "tenants.accounts", *PLUMBING}
# Room -> the rooms it may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    DOMAIN: set(),
    "registers.compliance": {DOMAIN},
    "registers.document": {DOMAIN},
    "registers.render": {DOMAIN, "registers.document"},
    "registers.publishing": {
        DOMAIN,
        "registers.compliance",
        "registers.document",
        "registers.render",
        *ORGANISATIONS,
    },
    "registers.editor": {
        DOMAIN,
        "registers.compliance",
        "registers.document",
        "registers.render",
        "registers.publishing",
        *ORGANISATIONS,
    },
    "registers.public": {DOMAIN, "registers.document", "registers.render", "registers.publishing"},
    "registers.record": {DOMAIN, "registers.render", "registers.editor", *ORGANISATIONS},
    "registers.portfolio": {DOMAIN, "registers.compliance", *ORGANISATIONS},
    "tenants.schemas": {"tenants"},
    "tenants.queue": {"tenants"},
    "tenants": PLUMBING | {"tenants.accounts"},
    "tenants.accounts": {"tenants", *PLUMBING},
}
ROOMS = sorted(ALLOWED, key=len, reverse=True)
# Commands, the app's wiring and its migrations sit on top and may import any room.
TOP = ("registers.management", "tenants.management", "registers.migrations", "tenants.migrations")


def room_of(module: str) -> str | None:
    return next((room for room in ROOMS if module == room or module.startswith(room + ".")), None)


def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in {"registers", "tenants"}}


SOURCES = sorted(
    path
    for package in ("registers", "tenants")
    for path in (ROOT / package).rglob("*.py")
    if not module_of(path).startswith(TOP)
)


def test_every_module_has_a_room() -> None:
    assert SOURCES
    assert [module_of(p) for p in SOURCES if room_of(module_of(p)) is None] == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_imports_only_its_room_and_the_rooms_below(path: Path) -> None:
    room = room_of(module_of(path))
    assert room is not None
    upward = sorted(
        name
        for name in imported(path)
        if (target := room_of(name)) is not None and target != room and target not in ALLOWED[room]
    )
    assert upward == []
