"""Project-level views that belong to no app: the home page and the health checks."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from taizhang.accounts.access import request_roles
from taizhang.accounts.models import ADMIN_ROLES, BUSINESS_ROLES
from taizhang.lib.health import readiness


def home(request: HttpRequest) -> HttpResponse:
    """Each role's first page: every business role starts at its 工作台 (what waits for me; the plans and
    the unit's tasks are a click away in the menu), an administrator (三员) at their 管理首页."""
    roles = request_roles(request)
    if roles & set(ADMIN_ROLES):  # an administrator holds no business role (三员分立)
        return redirect("admin_home")
    if roles & set(BUSINESS_ROLES):
        return redirect("workbench")
    raise PermissionDenied  # 403.html tells a user without any role whom to ask


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness, for a supervisor or a load balancer: 200 when the process answers requests. It asks the
    database nothing, so a database outage does not get every server process restarted; /readyz does."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: 200 when the database answers, the file store reads and writes and no migration waits
    (``lib.health``), else 503 naming the failed checks. Public, so it names checks only — no versions,
    paths or errors; the log has the details."""
    checks = readiness()
    ok = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if ok else "unavailable",
            "checks": {name: "ok" if passed else "failed" for name, passed in checks.items()},
        },
        status=200 if ok else 503,
    )
