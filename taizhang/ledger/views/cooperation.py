"""配合评价: a task's cooperating lines and their ratings this year; the lead unit's liaison or head
rates each co-unit (1–5) on the same page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.ledger.forms import RatingForm
from taizhang.ledger.selectors import cooperation_lines, task_get
from taizhang.ledger.services.cooperation import cooperation_rate, may_rate
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_submit


@role_required(*ANY_ROLE)
@require_http_methods(["GET", "POST"])
def task_cooperation(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_get(user=request.user, pk=task_id)
    year = timezone.localdate().year
    lines = cooperation_lines(user=request.user, task=task, year=year)
    rater = may_rate(request.user, task.pk)
    form = RatingForm(request.POST or None, lines=lines)
    status = 200
    if request.method == "POST":
        if not rater:
            raise PermissionDenied(said("只有牵头单位可以评价配合单位。", "Only the lead unit may rate."))

        def act(data):
            line = form.lines[data["line"]]
            return cooperation_rate(actor=request.user, line=line, rating=data["rating"], note=data["note"])

        sent = form_submit(form, act)
        if sent.done:
            messages.success(request, _("配合评价已保存。"))
            return redirect("task_cooperation", task_id=task.pk)
        status = sent.status
    context = {"task": task, "lines": lines, "form": form if rater and lines else None, "year": year}
    return render(request, "ledger/task_cooperation.html", context, status=status)
