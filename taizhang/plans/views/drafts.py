"""草稿编辑: the tasks of a draft plan, each edited (text, number, deadline, units, people) or removed
before publication. The office of the plan's region only; the services refuse a plan no longer a draft."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_submit, message_action
from taizhang.plans.drafts import TaskEdit, draft_task_delete, draft_task_update
from taizhang.plans.forms import PublishForm
from taizhang.plans.models import Plan, Task
from taizhang.plans.permissions import require_office_admin
from taizhang.plans.revisions.forms import DraftTaskForm
from taizhang.plans.selectors import plan_get, plan_task_list


def _draft_task(request: HttpRequest, plan_id: int, task_id: int) -> tuple[Plan, Task]:
    plan = plan_get(user=request.user, pk=plan_id)
    require_office_admin(request.user, plan.region)
    try:
        task = plan.tasks.select_related("plan__region").get(pk=task_id)
    except Task.DoesNotExist:
        raise Http404 from None
    return plan, task


@role_required(Role.OFFICE_ADMIN)
def plan_draft_tasks(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The tasks of a plan with their units, for the office; on a draft, each with 修改 and 删除."""
    plan = plan_get(user=request.user, pk=plan_id)
    require_office_admin(request.user, plan.region)
    tasks = plan_task_list(user=request.user, plan=plan).select_related("section")
    form = PublishForm(initial={"expected_version": plan.version})
    return render(request, "plans/draft_tasks.html", {"plan": plan, "tasks": tasks, "version_form": form})


@role_required(Role.OFFICE_ADMIN)
def plan_task_edit(request: HttpRequest, plan_id: int, task_id: int) -> HttpResponse:
    plan, task = _draft_task(request, plan_id, task_id)
    if request.method != "POST":
        if plan.status != Plan.Status.DRAFT:
            messages.info(
                request,
                said(
                    "方案已发布，任务不能直接修改；请导入修订版。",
                    "The plan is published: its tasks cannot be edited directly; import a revision instead.",
                ),
            )
            return redirect("plan_draft_tasks", plan_id=plan.pk)
        form = DraftTaskForm(initial=DraftTaskForm.initial_for(task, plan.version))
        return render(request, "plans/draft_task_edit.html", {"plan": plan, "task": task, "form": form})
    form = DraftTaskForm(request.POST)

    def save(data: dict) -> Task:
        edit = TaskEdit(**{name: data[name] for name in TaskEdit.__dataclass_fields__})
        return draft_task_update(
            actor=request.user, task=task, edit=edit, expected_version=data["expected_version"]
        )

    sent = form_submit(form, save)
    if sent.done:
        messages.success(request, said(f"任务 {task.number} 已保存。", f"Task {task.number} was saved."))
        return redirect("plan_draft_tasks", plan_id=plan.pk)
    context = {"plan": plan, "task": task, "form": form, "error": sent.error}
    return render(request, "plans/draft_task_edit.html", context, status=sent.status)


@require_POST
@role_required(Role.OFFICE_ADMIN)
def plan_task_delete(request: HttpRequest, plan_id: int, task_id: int) -> HttpResponse:
    plan, task = _draft_task(request, plan_id, task_id)
    form = PublishForm(request.POST)

    def delete() -> str:
        draft_task_delete(
            actor=request.user, task=task, expected_version=form.cleaned_data["expected_version"]
        )
        return said(f"任务 {task.number} 已删除。", f"Task {task.number} was removed.")

    return message_action(request, delete, back=redirect("plan_draft_tasks", plan_id=plan.pk), form=form)
