"""Forms of the revision, withdrawal and draft-edit pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.lib.i18n import said_lazy
from taizhang.plans.forms import PlanUploadForm, _names
from taizhang.plans.models import Task


class ReviseUploadForm(forms.Form):
    """The revised file of a plan (the plan is the page's); checked as the import checks its file."""

    file = PlanUploadForm.base_fields["file"]
    clean_file = PlanUploadForm.clean_file
    file_name = PlanUploadForm.file_name
    file_bytes = PlanUploadForm.file_bytes


class ReviseApplyForm(forms.Form):
    """应用修订: the file read on the diff page (by its digest) and the plan's version then."""

    sha256 = forms.CharField(widget=forms.HiddenInput, min_length=64, max_length=64)
    file_name = forms.CharField(widget=forms.HiddenInput, max_length=255)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": said_lazy("请填写撤回理由。", "Give the reason for withdrawing the plan.")
        },
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DraftTaskForm(forms.Form):
    """A task of a draft plan. Units typed as the register names them, with 、 between names; 责任人 too."""

    number = forms.CharField(label=_("序号"), max_length=20, required=False)
    text = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline_text = forms.CharField(label=_("完成时限"), max_length=100, required=False)
    lead = forms.CharField(label=_("牵头单位"), required=False)
    responsible = forms.CharField(label=_("负责单位"), required=False)
    cooperating = forms.CharField(label=_("配合单位"), required=False)
    responsible_leader = forms.CharField(label=_("责任领导"), max_length=50, required=False)
    responsible_persons = forms.CharField(label=_("责任人"), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    LISTS = ("lead", "responsible", "cooperating", "responsible_persons")

    @classmethod
    def initial_for(cls, task: Task, plan_version: int) -> dict:
        lines = list(task.assignments.select_related("unit").order_by("unit__order", "unit_id"))
        named = next((a for a in lines if a.role != "cooperating"), None)
        return {
            "number": task.number,
            "text": task.text,
            "deadline_text": task.deadline_text,
            **{role: "、".join(a.unit.name for a in lines if a.role == role) for role in cls.LISTS[:3]},
            "responsible_leader": named.responsible_leader if named else "",
            "responsible_persons": "、".join(named.responsible_persons) if named else "",
            "expected_version": plan_version,
        }

    def clean(self):
        data = super().clean()
        for name in self.LISTS:
            if name in data:
                data[name] = _names(data[name])
        return data
