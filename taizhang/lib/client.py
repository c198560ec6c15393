"""The client's address, read in one place.

``REMOTE_ADDR`` only for now: ``X-Forwarded-For`` is whatever the sender wrote. When taizhang runs behind a
reverse proxy, the trusted-proxy rule (issue 11) goes here and every caller follows."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from, or None when there is no request or it is not an IP address."""
    if request is None:
        return None
    value = (request.META.get("REMOTE_ADDR") or "").strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
