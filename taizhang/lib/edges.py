"""Bad input at the edge (入口校验), answered with a reason instead of a 500 — the page an error page, the API
its ``{"code", "message"}``:

- a body too large (``DATA_UPLOAD_MAX_MEMORY_SIZE`` for a form or JSON, ``TAIZHANG_REQUEST_MAX_BYTES`` for
  a request with files) or with too many fields (``DATA_UPLOAD_MAX_NUMBER_FIELDS``): 413;
- a NUL character (``\\x00``) in a query string or in the API's JSON: 422. PostgreSQL cannot store one
  (a 500) and SQLite stores it silently. A page's form field refuses it itself (Django's ``CharField``
  validates it away: a form error), and ``refusal.clean_text`` refuses it in every service's free text;
- SQLite's "database is locked" after its busy timeout: 503 with ``Retry-After`` ("系统繁忙，请稍后重试"),
  wherever it reaches the top (a view, the API, another middleware: ``server_error``). Every other error
  is still a 500, logged.

Out-of-range ids and numbers are ``lib.ids``'s part.
"""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from taizhang.lib.refusal import register_codes

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
TOO_MUCH = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


@register_codes("request")
class RequestCode(StrEnum):
    """What the edge refuses before any service sees the request."""

    TOO_LARGE = "request_too_large"
    NUL_CHARACTER = "nul_character"
    BUSY = "busy"


_MESSAGES = {
    RequestCode.TOO_LARGE: (
        413,
        "提交的内容过大",
        "提交的内容过大或项目过多，请减少后重试（附件请分批上传）。",
        "The request is too large or has too many fields; send less (upload files in several goes).",
    ),
    RequestCode.NUL_CHARACTER: (
        422,
        "输入内容无效",
        "输入内容含有不允许的空字符（NUL），请删除后重试。",
        "The input contains a NUL character, which is not allowed; remove it and try again.",
    ),
    RequestCode.BUSY: (
        503,
        "系统繁忙",
        "系统繁忙，请稍后重试。",
        "The database is busy; retry in a moment.",
    ),
}


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def edge_response(request: HttpRequest, code: RequestCode) -> HttpResponse:
    """The answer to a refusal of the edge: JSON for the API, a small page (which touches no database and
    needs no context processor, as 500.html) for everything else."""
    status, title, zh, en = _MESSAGES[code]
    if is_api(request):
        response = JsonResponse({"code": str(code), "message": f"{zh} / {en}"}, status=status)
    else:
        context = {"title": title, "zh": zh, "en": en}
        response = HttpResponse(render_to_string("edge_error.html", context), status=status)
    if code == RequestCode.BUSY:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def is_busy(exc: BaseException | None) -> bool:
    """SQLite's lock wait ran out (``busy_timeout``): the write may simply be tried again."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc)


def has_nul(value: object) -> bool:
    """A NUL anywhere in a string, or in the keys and values of parsed JSON."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class BadInputMiddleware:
    """First, from the headers alone (nothing read yet): a declared body over its limit → 413; a NUL in the
    query string → 422. Then, just before the view (``process_view``, so after sign-in has been checked:
    an anonymous upload is never read): the body parsed the way the view will read it, 413 when Django
    refuses its size or field count, 422 for a NUL in the API's JSON. A lock timeout in a view → 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        multipart = request.content_type == "multipart/form-data"
        limit = settings.TAIZHANG_REQUEST_MAX_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and _declared_length(request) > limit:
            return edge_response(request, RequestCode.TOO_LARGE)
        try:
            query = request.GET
        except TOO_MUCH:
            return edge_response(request, RequestCode.TOO_LARGE)
        if has_nul(request.path) or any(has_nul(k) or has_nul(v) for k, vs in query.lists() for v in vs):
            return edge_response(request, RequestCode.NUL_CHARACTER)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        try:
            if is_api(request) and request.content_type == "application/json":
                return self._api_json(request)
            request.POST  # noqa: B018 — parsed now, where its refusal is ours; the view gets it cached
        except TOO_MUCH:
            return edge_response(request, RequestCode.TOO_LARGE)
        return None

    def _api_json(self, request: HttpRequest) -> HttpResponse | None:
        try:
            body = json.loads(request.body or b"null")
        except ValueError:
            return None  # not JSON at all: the API says so itself (400)
        return edge_response(request, RequestCode.NUL_CHARACTER) if has_nul(body) else None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_busy(exception):  # answered, so Django logs nothing: say it here
            logger.warning("%s %s: database busy past its timeout", request.method, request.path)
            return edge_response(request, RequestCode.BUSY)
        if isinstance(exception, TOO_MUCH):
            return edge_response(request, RequestCode.TOO_LARGE)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the lock timeout that reached the top from anywhere (a middleware saving the
    session, say) is a 503 like the view's; anything else the usual 500 page (Django has logged it)."""
    if is_busy(sys.exc_info()[1]):
        return edge_response(request, RequestCode.BUSY)
    return HttpResponse(render_to_string("500.html"), status=500)
