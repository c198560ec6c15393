"""Pages about plans (方案)."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.lib.access import ANY_ROLE, role_required
from taizhang.plans.selectors import plan_list as plans_in_scope


@role_required(*ANY_ROLE)
def plan_list(request: HttpRequest) -> HttpResponse:
    """方案台账: the plans in the user's scope, newest period first."""
    plans = plans_in_scope(user=request.user).annotate(task_count=Count("tasks"))
    return render(request, "plans/plan_list.html", {"plans": plans})
