"""Forms of the 问题线索来源 pages: shapes and choices within the office's regions; the services check every
rule again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.inspections.findings import RECORDING_STATES
from taizhang.inspections.models import Finding, Inspection
from taizhang.lib.refusal import TEXT_LIMIT
from taizhang.lib.widgets import DATE
from taizhang.plans.fields import TaskField
from taizhang.plans.models import Plan, Task
from taizhang.sources.models import OpinionPoll, Petition, Source
from taizhang.units.fields import UnitsField
from taizhang.units.models import Unit

TEXT = forms.Textarea(attrs={"rows": 5})


class _About(forms.Form):
    """The units and the task a petition or a poll is about, offered from the office's regions."""

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        regions = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
        self.fields["units"].queryset = Unit.objects.filter(region_id__in=regions, active=True).order_by(
            "order", "pk"
        )
        self.fields["task"].queryset = (
            Task.objects.filter(plan__region_id__in=regions, plan__status=Plan.Status.PUBLISHED)
            .select_related("plan")
            .order_by("plan_id", "order")
        )


class PetitionForm(_About):
    channel = forms.ChoiceField(label=_("渠道"), choices=Petition.Channel.choices)
    received_on = forms.DateField(label=_("收到日期"), widget=DATE)
    anonymous = forms.BooleanField(label=_("匿名"), required=False)
    petitioner_name = forms.CharField(label=_("来信来访人"), max_length=50, required=False)
    petitioner_contact = forms.CharField(label=_("联系方式"), max_length=100, required=False)
    summary = forms.CharField(label=_("事由"), max_length=200)
    content = forms.CharField(label=_("反映内容"), widget=TEXT, max_length=TEXT_LIMIT)
    units = UnitsField(label=_("涉及单位"))
    task = TaskField(label=_("涉及任务"), required=False)


class PollForm(_About):
    title = forms.CharField(label=_("调查名称"), max_length=200)
    conducted_on = forms.DateField(label=_("调查日期"), widget=DATE)
    method = forms.ChoiceField(label=_("调查方式"), choices=OpinionPoll.Method.choices)
    sample_size = forms.IntegerField(label=_("样本量"), min_value=1, max_value=10_000_000)
    findings_text = forms.CharField(label=_("调查结果"), widget=TEXT, max_length=TEXT_LIMIT)
    units = UnitsField(label=_("涉及单位"))
    task = TaskField(label=_("涉及任务"), required=False)


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ConcludeForm(VersionForm):
    outcome = forms.CharField(label=_("办理结果"), widget=TEXT, max_length=TEXT_LIMIT)


class _Convert(forms.Form):
    """转化: one of the source's units."""

    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())

    def __init__(self, *args, source: Source, **kwargs):
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = source.units.order_by("order", "pk")


class ToFindingForm(_Convert):
    prefix_id = "finding"
    inspection = forms.ModelChoiceField(label=_("督办检查"), queryset=Inspection.objects.none())
    severity = forms.ChoiceField(label=_("严重程度"), choices=Finding.Severity.choices)
    description = forms.CharField(label=_("问题描述"), widget=TEXT, max_length=5000)

    def __init__(self, *args, source: Source, **kwargs):
        super().__init__(*args, source=source, **kwargs)
        self.fields["inspection"].queryset = Inspection.objects.filter(
            region_id=source.region_id, state__in=RECORDING_STATES
        ).order_by("-start_date")


class ToRectificationForm(_Convert):
    prefix_id = "rect"
    title = forms.CharField(label=_("整改事项"), max_length=200)
    measures = forms.CharField(label=_("整改措施"), widget=TEXT, max_length=TEXT_LIMIT, required=False)
    deadline = forms.DateField(label=_("整改时限"), widget=DATE)


class ToCaseForm(_Convert):
    prefix_id = "case"
    title = forms.CharField(label=_("案由"), max_length=200)
    opened_on = forms.DateField(label=_("立案日期"), widget=DATE)
