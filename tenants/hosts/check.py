"""Verifying that an owner controls a host name: the token in a file they place there.

We fetch ``https://<host>/.well-known/seloste-verification.txt`` ourselves, from the address the
name resolves to, and accept it only when that address is a public one: an owner cannot make us
read from our own network. Nothing is followed (no redirects) and at most a kilobyte is read.
"""

from __future__ import annotations

import hmac
import http.client
import ipaddress
import socket
import ssl

from django.conf import settings

PATH = "/.well-known/seloste-verification.txt"
TIMEOUT_SECONDS = 5
MAX_BYTES = 1024


class NotVerified(Exception):
    """Why the file did not verify the host; ``code`` selects the message for the owner."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code, self.detail = code, detail
        super().__init__(code, detail)


def verification_url(host: str) -> str:
    port = settings.SELOSTE_HOST_CHECK_PORT
    default = {"https": 443, "http": 80}[settings.SELOSTE_HOST_CHECK_SCHEME]
    suffix = f":{port}" if port != default else ""
    return f"{settings.SELOSTE_HOST_CHECK_SCHEME}://{host}{suffix}{PATH}"


def check_token(host: str, token: str) -> None:
    """Return when the host serves ``token``; raise NotVerified saying why it does not."""
    body = _fetch(host, _address(host))
    if not hmac.compare_digest(body.strip(), token.encode()):
        raise NotVerified("wrong_token")


def _address(host: str) -> str:
    # The operator's own map (for a host inside their network, or a test's local server).
    configured: dict[str, str] = settings.SELOSTE_HOST_CHECK_RESOLVE
    if host in configured:
        return configured[host]
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        raise NotVerified("unresolved") from None
    addresses = [str(entry[4][0]) for entry in found]
    if not addresses or not all(ipaddress.ip_address(a).is_global for a in addresses):
        raise NotVerified("not_public")
    return addresses[0]


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to one address, checking the certificate against the host name."""

    def __init__(self, host: str, address: str, port: int) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), TIMEOUT_SECONDS)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def _fetch(host: str, address: str) -> bytes:
    port = settings.SELOSTE_HOST_CHECK_PORT
    connection: http.client.HTTPConnection
    if settings.SELOSTE_HOST_CHECK_SCHEME == "https":
        connection = _PinnedHTTPS(host, address, port)
    else:
        connection = http.client.HTTPConnection(address, port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("GET", PATH, headers={"Host": host, "User-Agent": "Seloste"})
        response = connection.getresponse()
        if response.status != 200:
            raise NotVerified("status", str(response.status))
        return response.read(MAX_BYTES)
    except (OSError, http.client.HTTPException) as error:
        raise NotVerified("unreachable", type(error).__name__) from None
    finally:
        connection.close()
