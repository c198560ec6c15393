"""The decomposition form (分解) of one ledger line: its fields and milestones, saved as one edit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from taizhang.accounts.access import role_required
from taizhang.ledger.forms import AssignmentForm, MilestoneFormSet, milestone_initial, milestones_from
from taizhang.ledger.selectors import EDITOR_ROLES, assignment_get
from taizhang.ledger.services import assignment_decompose
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.pageforms import add_refusal

PREFIX = "milestones"


def _blank(line) -> tuple[AssignmentForm, MilestoneFormSet]:
    return (
        AssignmentForm(initial=AssignmentForm.initial_for(line)),
        MilestoneFormSet(initial=milestone_initial(line), prefix=PREFIX),
    )


@role_required(*EDITOR_ROLES)
def assignment_edit(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Only the line's own liaison or unit head, or an office admin covering it (403 for anyone else who
    sees the line, 404 for the rest). A stale form is refused with the values now saved and the user's
    own, unsaved, beside them."""
    line = assignment_get(user=request.user, pk=assignment_id, for_edit=True)
    context = {"line": line, "task": line.task}
    status = 200
    if request.method != "POST":
        form, formset = _blank(line)
    else:
        form = AssignmentForm(request.POST)
        formset = MilestoneFormSet(request.POST, prefix=PREFIX)
        if form.is_valid() and formset.is_valid():
            mine = milestones_from(formset)
            try:
                assignment_decompose(
                    assignment=line, actor=request.user, milestones=mine, **form.cleaned_data
                )
            except StaleEdit:
                line = assignment_get(user=request.user, pk=assignment_id, for_edit=True)
                context.update(line=line, stale=True, submitted=form.cleaned_data, submitted_milestones=mine)
                form, formset = _blank(line)
                status = 409
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("已保存“%(unit)s”的任务分解。") % {"unit": line.unit})
                return redirect("task_detail", task_id=line.task_id)
    context.update(form=form, formset=formset)
    return render(request, "ledger/assignment_edit.html", context, status=status)
