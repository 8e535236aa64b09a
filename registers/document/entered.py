"""What the user entered: one register and its controller, with the rows each section reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from registers.models import Controller, Register
from registers.translated import translation as text_in


@dataclass
class Entered:
    """The facts one notice is built from, read once, and the language it is worded in."""

    register: Register
    controller: Controller
    language: str
    purposes: list[Any] = field(init=False)
    categories: list[Any] = field(init=False)
    recipients: list[Any] = field(init=False)
    transfers: list[Any] = field(init=False)
    cookies: list[Any] = field(init=False)
    retention: list[Any] = field(init=False)

    def __post_init__(self) -> None:
        self.purposes = list(self.register.purposes.prefetch_related("categories"))
        self.categories = list(self.register.categories.all())
        self.recipients = list(self.register.recipients.all())
        self.transfers = list(self.register.transfers.select_related("recipient"))
        self.cookies = list(self.register.cookies.all())
        self.retention = list(self.register.retention.prefetch_related("categories"))

    def t(self, value: dict[str, str] | None) -> str:
        return text_in(value, self.language)
