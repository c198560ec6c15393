"""预警 list: the warnings the user may read (the office side its region's, a unit its own), filtered by
level, rule, state and unit, 50 a page, with the open ones counted per level; and 立即核对, which queues
the refresh and answers at once with the job's page (``alerts.tasks``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import UNIT_ROLES, Role
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.alerts.forms import AlertFilterForm
from taizhang.alerts.models import Level
from taizhang.alerts.selectors import alert_list, open_counts
from taizhang.alerts.specs import RULE_LABELS
from taizhang.alerts.tasks import alerts_refresh_enqueue

PAGE_SIZE = 50


@role_required(*ANY_ROLE)
@require_GET
def alert_list_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = AlertFilterForm(request.GET or None, user=user)
    alerts = alert_list(user=user, filters=form.filters())
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = open_counts(user=user)
    context = {
        "form": form,
        "page": page,
        "counts": [(Level(level).label, level, n) for level, n in counts.items()],
        "open_total": sum(counts.values()),
        "own_unit": bool(unit_ids_in_scope(user, *UNIT_ROLES)) and not region_ids_in_scope(user),
        "rule_labels": RULE_LABELS,
        "may_manage": bool(region_ids_in_scope(user, Role.OFFICE_ADMIN)),
    }
    return render(request, "alerts/alert_list.html", context)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def alert_refresh_view(request: HttpRequest) -> HttpResponse:
    """立即核对: the rules run for the regions the office admin covers, in the background; the job's page
    follows its progress. Pressed again while it runs, the same job is shown."""
    regions = region_ids_in_scope(request.user, Role.OFFICE_ADMIN)
    if not regions:  # an office admin granted on a unit only covers no region's warnings
        messages.error(request, _("只有区划的惩防办可以核对预警。"))
        return redirect("alert_list")
    job, _created = alerts_refresh_enqueue(actor=request.user, region_ids=regions, today=timezone.localdate())
    if job.requested_by_id != request.user.pk:
        messages.info(request, _("另一位管理员发起的核对正在进行，完成后预警列表即会更新。"))
        return redirect("alert_list")
    return redirect("job_status", job.pk)
