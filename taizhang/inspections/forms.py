"""Forms of the inspection pages. They check shape and offer the choices in the office's regions; the
services check every rule again and decide. Error texts are in the reader's language, like the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.files.forms import FilesField
from taizhang.inspections.findings import MAX_DESCRIPTION
from taizhang.inspections.models import Finding, Inspection, RiskPoint
from taizhang.lib.ids import BoundedModelMultipleChoiceField
from taizhang.lib.widgets import DATE
from taizhang.plans.fields import TaskField, TasksField
from taizhang.plans.models import Plan, Task
from taizhang.regulations.models import Regulation
from taizhang.units.fields import UnitField, UnitsField
from taizhang.units.models import Region, Unit


class InspectionForm(forms.Form):
    """计划检查: every choice limited to the regions where the user is an office admin."""

    region = forms.ModelChoiceField(label=_("行政区划"), queryset=Region.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("检查方式"), choices=Inspection.Kind.choices)
    title = forms.CharField(label=_("名称"), max_length=200)
    covert = forms.BooleanField(label=_("暗访（公开前仅本地区惩防办、领导和督查员可见）"), required=False)
    lead_leader_name = forms.CharField(label=_("带队领导"), max_length=50, required=False)
    lead_leader = forms.ModelChoiceField(
        label=_("带队领导（账号）"), queryset=User.objects.none(), required=False
    )
    start_date = forms.DateField(label=_("开始日期"), widget=DATE)
    end_date = forms.DateField(label=_("结束日期"), widget=DATE, required=False)
    units = UnitsField(label=_("被检查单位"))
    tasks = TasksField(label=_("检查任务"), required=False)
    regulations = BoundedModelMultipleChoiceField(
        label=_("检查制度"), queryset=Regulation.objects.none(), required=False
    )
    risk_points = BoundedModelMultipleChoiceField(
        label=_("排查的风险点"),
        queryset=RiskPoint.objects.none(),
        required=False,
        help_text=_("重点风险点及时排查：选择被检查单位已确认的风险点"),
    )
    reinspection = forms.BooleanField(label=_("再督查"), required=False)
    follows = forms.ModelChoiceField(
        label=_("复查的检查"), queryset=Inspection.objects.none(), required=False
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        regions = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
        f = self.fields
        f["region"].queryset = Region.objects.filter(pk__in=regions).order_by("level", "name")
        f["lead_leader"].queryset = (
            User.objects.filter(
                role_grants__role=Role.LEADER, role_grants__region_id__in=regions, is_active=True
            )
            .distinct()
            .order_by("display_name", "pk")
        )
        f["units"].queryset = Unit.objects.filter(region_id__in=regions, active=True).order_by("order", "pk")
        f["tasks"].queryset = (
            Task.objects.filter(plan__region_id__in=regions, plan__status=Plan.Status.PUBLISHED)
            .select_related("plan")
            .order_by("plan_id", "order")
        )
        f["regulations"].queryset = Regulation.objects.filter(
            region_id__in=regions
        ) | Regulation.objects.filter(region__isnull=True)
        f["follows"].queryset = Inspection.objects.filter(
            region_id__in=regions, state__in=(Inspection.State.DONE, Inspection.State.PUBLISHED)
        ).order_by("-start_date")
        f["regulations"].widget.attrs["size"] = 8
        f["risk_points"].queryset = RiskPoint.objects.filter(
            unit__region_id__in=regions, state=RiskPoint.State.APPROVED
        ).select_related("unit")
        f["risk_points"].widget.attrs["size"] = 6


class InspectionStepForm(forms.Form):
    action = forms.ChoiceField(choices=[("start", "start"), ("finish", "finish"), ("publish", "publish")])
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class FindingForm(forms.Form):
    """记录问题: a unit of the inspection, the task and regulation it concerns, files."""

    unit = UnitField(label=_("单位"))
    severity = forms.ChoiceField(label=_("严重程度"), choices=Finding.Severity.choices)
    description = forms.CharField(
        label=_("问题描述"), widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_DESCRIPTION
    )
    task = TaskField(label=_("任务"), required=False)
    regulation = forms.ModelChoiceField(label=_("制度"), queryset=Regulation.objects.none(), required=False)
    found_on = forms.DateField(label=_("发现日期"), widget=DATE, required=False)
    files = FilesField(label=_("佐证材料"), required=False)

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["unit"].queryset = inspection.units.order_by("order", "pk")
        # The tasks and regulations the inspection names, else those of its region.
        tasks = inspection.tasks.all()
        if not tasks.exists():
            tasks = Task.objects.filter(plan__region=inspection.region, plan__status=Plan.Status.PUBLISHED)
        f["task"].queryset = tasks.select_related("plan").order_by("plan_id", "order")
        regulations = inspection.regulations.all()
        if not regulations.exists():
            regulations = Regulation.objects.filter(region=inspection.region)
        f["regulation"].queryset = regulations.order_by("title")
