"""Moving a signed-in user from one of our hosts to an organisation's host.

Each organisation has a host of its own, and a session cookie belongs to one host. A short-lived,
single-use signed link carries the login across, so one login works for every organisation the
user belongs to, whatever the cookie domain.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from tenants.models import Organisation, UsedToken

SALT = "tenants.accounts.handoff"
MAX_AGE_SECONDS = 60


def handoff_url(*, user: Any, organisation: Organisation, next_path: str = "/") -> str:
    token = signing.dumps(
        {"u": user.pk, "o": organisation.pk, "n": secrets.token_urlsafe(16), "p": next_path},
        salt=SALT,
        compress=True,
    )
    return organisation.url(f"/accounts/handoff/?{urlencode({'t': token})}")


def redeem(token: str, *, organisation: Organisation) -> tuple[int, str] | None:
    """Return (user id, next path) for a valid, unused token meant for this organisation."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:  # also an expired one (SignatureExpired)
        return None
    if not isinstance(data, dict) or data.get("o") != organisation.pk:
        return None
    if not _spend(token):
        return None
    next_path = str(data.get("p") or "/")
    if not next_path.startswith("/") or not url_has_allowed_host_and_scheme(next_path, None):
        next_path = "/"
    return int(data["u"]), next_path


def _spend(token: str) -> bool:
    """Mark the token used; False if it was used before."""
    # A token older than MAX_AGE_SECONDS fails its signature check, so its record can go.
    cutoff = timezone.now() - timedelta(seconds=MAX_AGE_SECONDS * 2)
    UsedToken.objects.filter(used_at__lt=cutoff).delete()
    try:
        with transaction.atomic():
            UsedToken.objects.create(digest=hashlib.sha256(token.encode()).hexdigest())
    except IntegrityError:
        return False
    return True
