"""Where a change came from (the ``source`` and ``ip`` of an audit event), without threading it through every
service.

Web requests set the source to ``web`` (``api`` under /api/) and the client address from
``lib.client_ip.client_ip``; a management command wraps its work in ``audit_source("cmd:…")`` and has no
address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from taizhang.lib.client_ip import client_ip

_source: ContextVar[str] = ContextVar("taizhang_audit_source", default="")
_ip: ContextVar[str | None] = ContextVar("taizhang_audit_ip", default=None)


def current_source() -> str:
    return _source.get()


def current_ip() -> str | None:
    return _ip.get()


@contextmanager
def audit_source(value: str, *, ip: str | None = None) -> Iterator[None]:
    source_token = _source.set(value[:100])
    ip_token = _ip.set(ip)
    try:
        yield
    finally:
        _source.reset(source_token)
        _ip.reset(ip_token)


class AuditSourceMiddleware:
    """Record where each write of the request came from: ``web`` or ``api``, and the client address as
    ``lib.client_ip`` decides it (X-Forwarded-For from trusted proxies only)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = "api" if request.path_info.startswith("/api/") else "web"
        with audit_source(source, ip=client_ip(request)):
            return self.get_response(request)
