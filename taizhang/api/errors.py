"""The API's one error shape, ``{"code", "message"}``, and the handlers that turn every failure into it.

Messages are "中文 / English" (pages and commands show the reader's language only; the API keeps both).
A service's ``Refusal`` answers 422 with its own code (each area lists its
codes in ``<app>/codes.py``) and its text as the service wrote it; another ``ValidationError`` answers
``invalid``. The ``Error`` schema lists every code an answer can carry: the API's own (``ApiCode``) and
every area's.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.edges import TOO_MUCH, RequestCode, edge_response, is_busy
from taizhang.lib.i18n import both
from taizhang.lib.refusal import Refusal, all_codes, register_codes

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger(__name__)


@register_codes("api")
class ApiCode(StrEnum):
    """The codes the API answers itself: by status, for errors that carry no code of their own, and its
    own refusals (a caller without a role, a failed CSRF check, a stale version)."""

    BAD_REQUEST = "bad_request"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    INVALID = "invalid"
    THROTTLED = "throttled"
    ERROR = "error"
    NO_ROLE = "no_role"
    CSRF_FAILED = "csrf_failed"
    STALE_EDIT = "stale_edit"
    SERVER_ERROR = "server_error"


def _list_codes(schema: dict) -> None:
    # Filled when the schema is built, not when this module is imported: every area's codes are known by then.
    schema["enum"] = all_codes()


class Error(Schema):
    """Every non-2xx answer of the API."""

    code: str = Field(
        description="What was refused, for programs: an area's refusal code or one of the API's own.",
        json_schema_extra=_list_codes,
    )
    message: str


class ApiError(HttpError):
    """An HttpError that carries its own machine-readable code."""

    def __init__(self, status_code: int, code: str, message: str):
        super().__init__(status_code, message)
        self.code = code


# Defaults by status, for errors raised without a code of their own (ninja's, Django's).
_BY_STATUS: dict[int, tuple[str, str]] = {
    400: (ApiCode.BAD_REQUEST, "请求格式错误 / Malformed request"),
    401: (
        ApiCode.UNAUTHORIZED,
        "未登录或令牌无效 / Not signed in, or the token is missing, invalid or expired",
    ),
    403: (ApiCode.FORBIDDEN, "无权执行此操作 / You may not do this"),
    404: (ApiCode.NOT_FOUND, "未找到 / Not found"),
    409: (ApiCode.CONFLICT, "操作冲突 / Conflict"),
    422: (ApiCode.INVALID, "请求内容无效 / Invalid request"),
    429: (ApiCode.THROTTLED, "请求过于频繁 / Too many requests"),
}

# Responses every authenticated operation may give; operations add their own (409, 201 …). 413 and 503
# come from the edge (lib.edges): a body too large, SQLite busy past its timeout (with Retry-After).
COMMON_ERRORS: dict[int, type[Error]] = {
    401: Error,
    403: Error,
    404: Error,
    413: Error,
    422: Error,
    503: Error,
}
# A write also answers 400 when its body is not JSON at all, and 409 when the version read is stale.
WRITE_ERRORS: dict[int, type[Error]] = {**COMMON_ERRORS, 400: Error, 409: Error}


def error_body(status: int, code: str | None = None, message: str | None = None) -> dict[str, str]:
    default_code, default_message = _BY_STATUS.get(status, (ApiCode.ERROR, "出错了 / Error"))
    return {"code": str(code or default_code), "message": message or default_message}


def install_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (``{"detail": …}``) with the one shape."""

    def respond(request: HttpRequest, status: int, code: str | None = None, message: str | None = None):
        response = api.create_response(request, error_body(status, code, message), status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="taizhang"'
        return response

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status_code, exc.code, exc.message)

    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401)

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja's own messages ("CSRF check Failed", "Cannot parse request body") are English only.
        if exc.status_code == 403 and "CSRF" in exc.message:
            return respond(request, 403, ApiCode.CSRF_FAILED, "CSRF 校验失败，请刷新页面 / CSRF check failed")
        return respond(request, exc.status_code)

    def on_ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        problems = "; ".join(_describe(error) for error in exc.errors)
        return respond(request, 422, ApiCode.INVALID, f"请求内容无效 / Invalid request: {problems}")

    def on_refusal(request: HttpRequest, exc: Refusal) -> HttpResponse:
        # Every area's refusal carries its own code (wrong_state, locked, late_refused, reason_required …).
        return respond(request, 422, exc.code, exc.both())  # both languages, as before

    def on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return respond(request, 422, ApiCode.INVALID, "；".join(exc.messages))

    def on_stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
        return respond(request, 409, ApiCode.STALE_EDIT, both(exc.zh, exc.en))

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404)  # never say what was looked for: that would leak existence

    def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        # Services explain which role a step needs; selectors raise it bare.
        return respond(request, 403, ApiCode.FORBIDDEN, str(exc) or None)

    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return respond(request, 500, ApiCode.SERVER_ERROR, "服务器内部错误 / Internal server error")

    def on_database(request: HttpRequest, exc: OperationalError) -> HttpResponse:
        if is_busy(exc):  # SQLite's lock wait ran out: retry, not a bug
            logger.warning("API %s %s: database busy", request.method, request.path)
            return edge_response(request, RequestCode.BUSY)
        return on_unexpected(request, exc)

    def on_too_much(request: HttpRequest, exc: Exception) -> HttpResponse:
        return edge_response(request, RequestCode.TOO_LARGE)

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(NinjaValidationError, on_ninja_validation)
    api.add_exception_handler(Refusal, on_refusal)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(StaleEdit, on_stale)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_denied)
    api.add_exception_handler(OperationalError, on_database)
    for too_much in TOO_MUCH:
        api.add_exception_handler(too_much, on_too_much)
    api.add_exception_handler(Exception, on_unexpected)


def _describe(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", ""))
