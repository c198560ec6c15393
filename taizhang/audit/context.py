"""Where a change came from (the ``source`` of an audit event), without threading it through every service.

Web requests set it to the client address; a management command can wrap its work in
``audit_source("cmd:…")``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from taizhang.lib.client_ip import client_ip

_source: ContextVar[str] = ContextVar("taizhang_audit_source", default="")


def current_source() -> str:
    return _source.get()


@contextmanager
def audit_source(value: str) -> Iterator[None]:
    token = _source.set(value[:100])
    try:
        yield
    finally:
        _source.reset(token)


class AuditSourceMiddleware:
    """The client address as ``lib.client_ip`` decides it (X-Forwarded-For from trusted proxies only)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with audit_source(client_ip(request)):
            return self.get_response(request)
