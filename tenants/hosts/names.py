"""Which host names an owner may claim, and which a request may name."""

from __future__ import annotations

import re

from django.conf import settings
from django.http.request import validate_host

LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalised(value: str) -> str:
    """``value`` as a lower-case ASCII host name (IDNA for names with ä, ö, å); "" if not one."""
    host = value.strip().lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(LABEL.match(label) for label in labels):
        return ""
    if labels[-1].isdigit():  # an IPv4 address, which proves no control of a name
        return ""
    return host


def is_ours(host: str) -> bool:
    """The base domain, an organisation's address under it, or a host the operator allows."""
    return bool(validate_host(host, settings.SELOSTE_HOSTS))
