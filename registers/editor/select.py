"""Select boxes that write the same HTML as Django's, without a template per option.

A row of recipients or cookies carries a country box of some 250 options; Django renders each
option through two templates, which made the rows' pages slow (most of the recipients page's
time). ``FastSelect`` writes the markup of Django's ``select.html``, ``select_option.html`` and
``attrs.html`` directly, and keeps the options' markup per list of choices and language, so a page
of two hundred rows builds its country list once. A test renders every select box of the editor
both ways and compares the bytes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django import forms
from django.template.defaultfilters import stringformat
from django.utils.choices import BaseChoiceIterator, BlankChoiceIterator
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language

from registers.vocabulary import country_choices, location_choices

# Lists of options kept: a few per language (countries, locations, each closed list).
CACHED_LISTS = 256


@dataclass(frozen=True)
class _Options:
    """The markup of every option of one list, unselected, and where each option sits in it."""

    markup: str
    spans: tuple[tuple[int, int], ...]  # the start and end of each option in ``markup``
    selected: tuple[str, ...]  # each option's markup when it is the selected one
    index: dict[str, int]  # the first option of each value, as Django selects only the first


_cache: OrderedDict[tuple[Any, ...], _Options] = OrderedDict()


def _text(value: Any) -> str:
    """What ``{{ value|stringformat:'s' }}`` writes in an autoescaped template."""
    text = stringformat(value, "s")
    if isinstance(value, SafeData):
        text = mark_safe(text)  # stringformat keeps a safe input safe
    return str(conditional_escape(str(localize(text))))


def _label(label: Any) -> str:
    """What ``{{ widget.label }}`` writes in an autoescaped template."""
    return str(conditional_escape(str(localize(label))))


def attributes(attrs: dict[str, Any]) -> str:
    """Django's ``attrs.html``: a bare name for True, nothing for False, else name="value"."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_label(name)}" if value is True else f' {_label(name)}="{_text(value)}"')
    return "".join(parts)


def _options(choices: Sequence[tuple[Any, Any]]) -> _Options:
    markup, spans, selected = "", [], []
    index: dict[str, int] = {}
    for position, (value, label) in enumerate(choices):
        value = "" if value is None else value
        head = f'\n  <option value="{_text(value)}"'
        # select_option.html ends with a line break, which its include keeps.
        tail = f">{_label(label)}</option>\n"
        spans.append((len(markup), len(markup) + len(head) + len(tail)))
        markup += head + tail
        selected.append(f"{head} selected{tail}")
        index.setdefault(str(value), position)
    return _Options(markup, tuple(spans), tuple(selected), index)


def _cached_options(choices: Sequence[tuple[Any, Any]]) -> _Options:
    # The labels as this language reads them are part of the key: a lazy label is not a text.
    key = (get_language(), *((value, str(label)) for value, label in choices))
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = _options(choices)
        if len(_cache) > CACHED_LISTS:
            _cache.popitem(last=False)
    return found


def _plain(choices: Any) -> bool:
    """Choices this renderer writes: a list of (value, text) pairs, with no groups."""
    return isinstance(choices, list) and all(
        not isinstance(label, list | tuple) and isinstance(label, str | Promise)
        for _value, label in choices
    )


class Prepared(BaseChoiceIterator):
    """Choices already in Django's normal form, which fields and widgets take as they are.

    Django normalises a list of choices every time a field or widget is given one; for the
    country list that is some 250 pairs per row. A ``Prepared`` list is shared and never
    changed, so it is normalised once.
    """

    def __init__(self, choices: Sequence[tuple[Any, Any]]) -> None:
        self.choices = tuple(choices)

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)


@lru_cache(maxsize=16)
def country_options(language: str) -> Prepared:
    return Prepared([("", "—"), *country_choices(language)])


@lru_cache(maxsize=16)
def location_options(language: str) -> Prepared:
    """A recipient's location: the EU/EEA as a whole, then every country."""
    return Prepared([("", "—"), *location_choices(language)])


class FastSelect(forms.Select):
    """Django's select box, the same bytes, written without a template per option."""

    @classmethod
    def like(cls, widget: forms.Select) -> FastSelect:
        """The same select box as ``widget``: its attributes, choices and required flag."""
        fast = cls(attrs=widget.attrs, choices=widget.choices)
        fast.is_required, fast.is_localized = widget.is_required, widget.is_localized
        return fast

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        choices: Any = self.choices
        if isinstance(choices, Prepared):
            choices = list(choices.choices)
        elif isinstance(choices, BlankChoiceIterator):  # a model field's, with "---------"
            choices = list(choices)
        if self.allow_multiple_selected or not _plain(choices):
            return super().render(name, value, attrs, renderer)  # groups: Django's templates
        values = self.format_value(value)
        options = _cached_options(choices)
        body = options.markup
        found = [options.index[v] for v in values if v in options.index]
        if found:
            chosen = min(found)
            start, end = options.spans[chosen]
            body = body[:start] + options.selected[chosen] + body[end:]
        head = f'<select name="{_label(name)}"{attributes(self.build_attrs(self.attrs, attrs))}>'
        return mark_safe(f"{head}{body}\n</select>")
