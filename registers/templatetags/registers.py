from __future__ import annotations

from django import template
from django.utils.translation import get_language

from registers.models import Register

register = template.Library()


@register.filter
def title_in_reader_language(value: Register) -> str:
    """The register's name in the reader's language when it has one, else in its own."""
    return value.title(get_language())
