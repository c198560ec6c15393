"""Project-level views that belong to no app: the home page and the health check."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from taizhang.accounts.access import request_roles
from taizhang.accounts.models import ADMIN_ROLES, BUSINESS_ROLES, UNIT_ROLES, Role

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    """Each role's first page: the office and leaders start at the plans, a unit's liaison or head at the
    unit's tasks, an administrator (三员) at their 管理首页. An office admin who is also the office unit's
    liaison starts at the plans."""
    roles = request_roles(request)
    if roles & set(ADMIN_ROLES):  # an administrator holds no business role (三员分立)
        return redirect("admin_home")
    if roles & {Role.OFFICE_ADMIN, Role.LEADER}:
        return redirect("plan_list")
    if roles & set(UNIT_ROLES):
        return redirect("my_tasks")
    if roles & set(BUSINESS_ROLES):
        return redirect("plan_list")
    raise PermissionDenied  # 403.html tells a user without any role whom to ask


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For monitoring: 200 "ok" when the process answers and the database takes a query, else 503.
    Public, so it says nothing more (no versions, no database errors); the log has the details."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.exception("health check: database unavailable")
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
