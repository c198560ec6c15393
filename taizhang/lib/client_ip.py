"""The client's address, the one place that decides it (the audit's ``source``, sign-in throttles, logs).

``REMOTE_ADDR`` is the peer that opened the connection. Behind a TLS-terminating proxy that is the proxy,
so when the peer is one of ``settings.TAIZHANG_TRUSTED_PROXIES`` (addresses or networks) the address is
read from ``X-Forwarded-For``, right to left, skipping the trusted proxies: the first address that is not
one of them is the client. Anything to its left was written by the client and is not believed. A request
from any other peer keeps ``REMOTE_ADDR`` whatever ``X-Forwarded-For`` says.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=4)
def _networks(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(values)


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """``10.0.0.5``, ``10.1.0.0/16``, ``::1`` → networks; ``ValueError`` naming a bad entry."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or network: {value!r}") from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address as text; None without a request or when the peer is not an IP address (as
    in some tests), so what is stored is always an address or nothing."""
    if request is None:
        return None
    peer_address = _address(request.META.get("REMOTE_ADDR", ""))
    if peer_address is None:
        return None
    peer = str(peer_address)
    networks = _networks(tuple(getattr(settings, "TAIZHANG_TRUSTED_PROXIES", ())))
    if not networks or not _trusted(_address(peer), networks):
        return peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # garbage where an address belongs: stop at the last one believed
            return peer
        if not _trusted(address, networks):
            return str(address)
        peer = str(address)
    return peer
