"""What a browser does with an editor page: read the form's fields, change some, post them back."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from registers.models import (
    CategoryRow,
    Cookie,
    JointController,
    Purpose,
    Recipient,
    Register,
    Retention,
    Source,
    Transfer,
)


class _FormReader(HTMLParser):
    """The successful controls of the page's POST form, as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.disabled: set[str] = set()
        self._in_post_form = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._in_post_form = a.get("method") == "post" and a.get("action") is None
        if not self._in_post_form or tag == "template":
            return
        name = a.get("name")
        if name and "disabled" in a:
            self.disabled.add(name)
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            checkable = a.get("type") in ("checkbox", "radio")
            if checkable and "checked" not in a:
                return
            # A checked box without a value attribute is sent as "on", as browsers do.
            default = "on" if checkable else ""
            self.data.setdefault(name, []).append(a.get("value") or default)
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_post_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea][-1] += data.removeprefix("\n")


def read_form(content: bytes) -> dict[str, Any]:
    """The page's form data: one value per name unless the name repeats (checkbox lists)."""
    reader = _FormReader()
    reader.feed(content.decode())
    # The template of a new row lives in <template> and is not submitted; neither is it read.
    return {k: (v[0] if len(v) == 1 else v) for k, v in reader.data.items() if v}


def disabled_names(content: bytes) -> set[str]:
    reader = _FormReader()
    reader.feed(content.decode())
    return reader.disabled


def edit_url(slug: str, section: str) -> str:
    return f"/registers/{slug}/edit/{section}/"


def make_register(slug: str = "customers", rows: int = 0, **fields: Any) -> Register:
    """A register in the current schema with ``rows`` rows in every list."""
    fields.setdefault("name", {"fi": "Asiakasrekisteri", "en": "Customer register"})
    fields.setdefault("languages", ["fi", "en"])
    register = Register.objects.create(slug=slug, **fields)
    for i in range(rows):
        add_rows(register, i)
    return register


def add_rows(register: Register, i: int) -> None:
    text = {"fi": f"Teksti {i}", "en": f"Text {i}"}
    JointController.objects.create(
        register=register, name=f"Partner {i}", contact="x@example.fi", essence=text, position=i
    )
    Purpose.objects.create(register=register, description=text, basis="A6-1-b", position=i)
    category = CategoryRow.objects.create(register=register, category="EmailAddress", position=i)
    Source.objects.create(register=register, description=text, position=i)
    recipient = Recipient.objects.create(
        register=register,
        recipient_type="DataProcessor",
        name=f"Processor {i}",
        description=text,
        position=i,
    )
    Transfer.objects.create(
        register=register, recipient=recipient, country="US", mechanism="A46-2-c", position=i
    )
    rule = Retention.objects.create(
        register=register, applies_to=text, period=2, unit="years", position=i
    )
    rule.categories.add(category)
    Cookie.objects.create(
        register=register,
        name=f"_c{i}",
        provider="Example",
        kind="analytics",
        purpose=text,
        duration={"fi": "1 v", "en": "1 y"},
        country="FI",
        position=i,
    )


def snapshot(register_pk: int) -> list[Any]:
    """Everything a save could change: the register and all its rows, as plain values."""
    register = Register.objects.filter(pk=register_pk)
    rows = [
        list(model.objects.filter(register_id=register_pk).order_by("pk").values())
        for model in (
            JointController,
            Purpose,
            CategoryRow,
            Source,
            Recipient,
            Transfer,
            Retention,
            Cookie,
        )
    ]
    return [list(register.values()), *rows]


def field_error(content: bytes, field_id: str) -> str:
    """The error text rendered next to the field with this HTML id ("" if none)."""
    html = content.decode()
    start = html.find(f'id="{field_id}_error"')
    if start < 0:
        return ""
    end = html.find("</ul>", start)
    text = html[html.find(">", start) + 1 : end]
    return " ".join(text.replace("<li>", " ").replace("</li>", " ").split())
