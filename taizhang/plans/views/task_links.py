"""上下贯通 on a task: the plan above and the upper tasks it carries out, the lower tasks carrying it out
(those the user may read), and for the office of the task's plan the picker that changes its upper tasks."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.ledger.selectors import task_get
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_submit
from taizhang.plans.cascade import selectors
from taizhang.plans.cascade.services import task_links_set
from taizhang.plans.fields import TasksField
from taizhang.plans.permissions import require_office_admin
from taizhang.plans.views.pages import _is_office_of


class TaskLinksForm(forms.Form):
    uppers = TasksField(label=_("落实的上级任务"), required=False)

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uppers"].queryset = selectors.upper_task_choices(task=task)


@require_http_methods(["GET", "POST"])
@role_required(*ANY_ROLE)
def task_links(request: HttpRequest, task_id: int) -> HttpResponse:
    """Whoever sees a line of the task reads the page (404 for anyone else); its office changes it."""
    task = task_get(user=request.user, pk=task_id)
    office = _is_office_of(request, task.plan)
    uppers = list(selectors.upper_tasks_of(task=task))
    form, status = None, 200
    if request.method == "POST":
        require_office_admin(request.user, task.plan.region)
        form = TaskLinksForm(request.POST, task=task)
        sent = form_submit(
            form, lambda data: task_links_set(actor=request.user, task=task, uppers=data["uppers"])
        )
        if sent.done:
            messages.success(request, said("已保存落实的上级任务。", "The upper tasks were saved."))
            return redirect("task_links", task_id=task.pk)
        status = sent.status
    elif office:
        form = TaskLinksForm(task=task, initial={"uppers": [u.pk for u in uppers]})
    context = {
        "task": task,
        "plan": task.plan,
        "upper_plan": task.plan.parent_plan,
        "uppers": uppers,
        "lowers": selectors.lower_tasks_of(user=request.user, task=task),
        "form": form,
    }
    return render(request, "plans/task_links.html", context, status=status)
