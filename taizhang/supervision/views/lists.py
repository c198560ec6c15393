"""Lists of replies: a unit's inbox of the orders addressed to it, and the office's 逾期督办 — replies still
owed after the deadline, with how far the escalation has gone."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from taizhang.accounts.access import role_required
from taizhang.accounts.models import UNIT_ROLES
from taizhang.supervision.models import REPLY_EDITABLE_STATES, SupervisionOrder
from taizhang.supervision.reminders import due_stages
from taizhang.supervision.selectors import READERS, inbox, overdue_recipients

PER_PAGE = 50
STAGE_LABELS = {
    "liaison": gettext_lazy("已催办联络员"),
    "unit_head": gettext_lazy("已升级至单位负责人"),
    "office": gettext_lazy("已升级至惩防办"),
}


@role_required(*UNIT_ROLES)
@require_GET
def order_inbox(request: HttpRequest) -> HttpResponse:
    """收到的督办单: the unit's part in every issued or closed order addressed to it, never another
    unit's."""
    page = Paginator(inbox(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for row in page:
        row.days_left = (row.order.deadline - today).days
        row.days_overdue = -row.days_left
        row.owed = row.order.state == SupervisionOrder.State.ISSUED and row.state in REPLY_EDITABLE_STATES
    return render(request, "supervision/order_inbox.html", {"page": page, "today": today})


@role_required(*READERS)
@require_GET
def order_overdue(request: HttpRequest) -> HttpResponse:
    """逾期督办: replies owed after the deadline, longest overdue first."""
    today = timezone.localdate()
    page = Paginator(overdue_recipients(user=request.user, today=today), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for row in page:
        row.days_overdue = (today - row.order.deadline).days
        stages = due_stages(row.order.deadline, today)
        row.stage = STAGE_LABELS.get(stages[-1], "") if stages else ""
    return render(request, "supervision/order_overdue.html", {"page": page, "today": today})
