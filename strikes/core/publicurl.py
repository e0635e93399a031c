"""The map's public address, set once, and the rule that nothing the map hands out cites a private one.

A snapshot travels: a PNG in a newspaper, a PDF at a print desk. Its citation must send a reader to the
map, never to the machine that made it (``http://127.0.0.1:8611``, a laptop's ``.local`` name, an office
network's 192.168 address). The address is set once, by ``STRIKES_PUBLIC_URL`` (or the command line's
``--public-url``, or the published edition's ``--url``); an address that is not public is never printed,
and a snapshot without one cites the map's title and date alone.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

ENV_VAR = "STRIKES_PUBLIC_URL"
# Names that only ever mean this machine or its local network (RFC 6761, RFC 6762, RFC 8375).
LOCAL_SUFFIXES = (".localhost", ".local", ".home.arpa", ".internal", ".lan")


def is_public(url: str) -> bool:
    """Whether ``url`` is an http(s) address a reader elsewhere could open: no loopback, private or
    link-local address (127.0.0.0/8, ::1, 10/8, 172.16/12, 192.168/16, 169.254/16, fe80::/10, fc00::/7),
    no unspecified one (0.0.0.0), no localhost, .local or other local-network name, no single-label host."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
        parts.port  # noqa: B018 - a port that is no number makes the address unusable
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:  # a name, not a number
        return "." in host and host != "localhost" and not host.endswith(LOCAL_SUFFIXES)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def public_url(url: str) -> str:
    """``url`` without surrounding spaces if it is public (is_public), else "": what a citation may print."""
    return url.strip() if is_public(url) else ""


def configured(environ: Mapping[str, str] = os.environ) -> str:
    """The address set for this server by STRIKES_PUBLIC_URL, or "" when none is set or it is not public."""
    return public_url(environ.get(ENV_VAR, ""))


def cited(page_address: str, environ: Mapping[str, str] = os.environ) -> str:
    """The address a citation prints: the one set for the server, else the reader's page's address when that
    is public (a server behind a public name), else none."""
    return configured(environ) or public_url(page_address)
