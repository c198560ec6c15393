"""Correcting the preview one task at a time: show a row, edit it, remove it.

With htmx each answer is the row (or nothing, for a removed one) plus the unit-matching panel swapped out
of band, since an edit can add or drop unit names; the request carries the panel's selects
(``hx-include``) so the choices made so far survive. Without JavaScript the same URLs are a plain page and
a redirect back to the preview.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.lib.responses import is_htmx
from taizhang.plans.forms import TaskEditForm, unit_mapping
from taizhang.plans.views import import_session as session
from taizhang.plans.views.preview_context import names_context, row_context


def _away(request: HttpRequest, message: str, to: str) -> HttpResponse:
    """Leave the fragment for a whole page: htmx follows ``HX-Redirect``, a browser the redirect."""
    messages.warning(request, message)
    if is_htmx(request):
        response = HttpResponse()
        response["HX-Redirect"] = reverse(to)
        return response
    return redirect(to)


def _back(row: int | None = None) -> HttpResponse:
    url = reverse("plan_import_preview")
    return redirect(f"{url}#task-{row}" if row else url)


@role_required(Role.OFFICE_ADMIN)
def plan_import_task(request: HttpRequest, task_id: int) -> HttpResponse:
    """A task row as shown in the preview (htmx: 取消 while editing); a browser goes to the preview."""
    draft = session.draft_load(request)
    if draft is None:
        return _away(request, session.NO_IMPORT, "plan_import")
    index = draft.index_of(task_id)
    if not is_htmx(request):
        return _back(task_id)
    context = {"row": task_id, "task": draft.preview.tasks[index], **row_context(draft)}
    return render(request, "plans/import/_task_row.html", context)


@role_required(Role.OFFICE_ADMIN)
def plan_import_task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    """A task's number, text and units, corrected by hand in the preview (nothing is saved to a plan)."""
    draft = session.draft_load(request)
    if draft is None:
        return _away(request, session.NO_IMPORT, "plan_import")
    task = draft.preview.tasks[draft.index_of(task_id)]
    if request.method == "POST":
        form = TaskEditForm(request.POST, auto_id=f"task{task_id}-%s")
        if form.is_valid():
            if form.cleaned_data["sha256"] != draft.preview.sha256:
                return _away(request, session.REPLACED_UNCHANGED, "plan_import_preview")
            for name in ("number", "text", *TaskEditForm.UNIT_FIELDS):
                setattr(task, name, form.cleaned_data[name])
            session.rematch(draft.preview, session.draft_region(draft))
            session.draft_save(request, draft)
            if not is_htmx(request):
                return _back(task_id)
            context = {"row": task_id, "task": task, **row_context(draft)}
            return _with_panel(request, draft, "plans/import/_task_row.html", context)
    else:
        form = TaskEditForm(
            initial=TaskEditForm.initial_for(task, draft.preview.sha256), auto_id=f"task{task_id}-%s"
        )
    context = {"row": task_id, "task": task, "form": form}
    if is_htmx(request):
        return render(request, "plans/import/_task_form_row.html", context)
    return render(request, "plans/import/task_edit.html", context, status=400 if form.errors else 200)


@require_POST
@role_required(Role.OFFICE_ADMIN)
def plan_import_task_delete(request: HttpRequest, task_id: int) -> HttpResponse:
    """Leave a task out of the import."""
    draft = session.draft_load(request)
    if draft is None:
        return _away(request, session.NO_IMPORT, "plan_import")
    if request.POST.get("sha256") != draft.preview.sha256:
        return _away(request, session.REPLACED_UNCHANGED, "plan_import_preview")
    draft.remove(task_id)
    session.rematch(draft.preview, session.draft_region(draft))
    session.draft_save(request, draft)
    if not is_htmx(request):
        return _back()
    return _with_panel(request, draft, None, {})


def _with_panel(request: HttpRequest, draft, template: str | None, context: dict) -> HttpResponse:
    """``template`` (the swapped row; None for nothing) followed by the out-of-band unit-matching panel."""
    panel = names_context(draft, unit_mapping(request.POST))
    return render(
        request, "plans/import/_task_swap.html", {**context, **panel, "row_template": template, "oob": True}
    )
