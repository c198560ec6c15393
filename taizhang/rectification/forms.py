"""Forms of the rectification pages. They check shape and offer choices within the user's scope; the
services check every rule again and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.files.forms import FilesField
from taizhang.inspections.forms import DATE
from taizhang.lib.i18n import said_lazy
from taizhang.plans.fields import TaskField
from taizhang.plans.models import Plan, Task
from taizhang.plans.selectors import plan_list
from taizhang.rectification.checks import MAX_TEXT
from taizhang.rectification.models import Recheck, RectState
from taizhang.rectification.selectors import RectFilters
from taizhang.regulations.models import Regulation
from taizhang.units.fields import UnitField
from taizhang.units.models import Unit

TEXT = forms.Textarea(attrs={"rows": 4})


class RectFilterForm(forms.Form):
    """The ledger's filters, as GET parameters; a value outside the choices is dropped with a field error."""

    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.none(), required=False)
    plan = forms.ModelChoiceField(label=_("方案"), queryset=Plan.objects.none(), required=False)
    state = forms.ChoiceField(label=_("状态"), choices=[("", _("全部")), *RectState.choices], required=False)
    overdue = forms.BooleanField(label=_("只看逾期"), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk__in=unit_ids_in_scope(user), rectifications__isnull=False)
        self.fields["unit"].queryset = units.distinct().order_by("order", "pk")
        self.fields["plan"].queryset = plan_list(user=user)

    def filters(self) -> RectFilters:
        data = self.cleaned_data if self.is_valid() else {}
        unit, plan = data.get("unit"), data.get("plan")
        return RectFilters(
            unit_id=unit.pk if unit else None,
            plan_id=plan.pk if plan else None,
            state=data.get("state") or None,
            overdue=bool(data.get("overdue")),
        )


class ItemForm(forms.Form):
    """交办整改 without a finding: a unit of the office's region and the task or regulation concerned."""

    unit = UnitField(label=_("整改责任单位"))
    title = forms.CharField(label=_("整改事项"), max_length=200)
    task = TaskField(label=_("任务"), required=False)
    regulation = forms.ModelChoiceField(label=_("制度"), queryset=Regulation.objects.none(), required=False)
    measures = forms.CharField(label=_("整改措施"), widget=TEXT, max_length=MAX_TEXT, required=False)
    deadline = forms.DateField(label=_("整改时限"), widget=DATE)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        regions = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
        f = self.fields
        f["unit"].queryset = Unit.objects.filter(region_id__in=regions, active=True).order_by("order", "pk")
        f["task"].queryset = (
            Task.objects.filter(plan__region_id__in=regions, plan__status=Plan.Status.PUBLISHED)
            .select_related("plan")
            .order_by("plan_id", "order")
        )
        regulations = Regulation.objects.filter(region_id__in=regions) | Regulation.objects.filter(
            region__isnull=True
        )
        f["regulation"].queryset = regulations.order_by("title")


class FromFindingForm(forms.Form):
    title = forms.CharField(label=_("整改事项"), max_length=200)
    measures = forms.CharField(label=_("整改措施"), widget=TEXT, max_length=MAX_TEXT, required=False)
    deadline = forms.DateField(label=_("整改时限"), widget=DATE)


class _OnItemPage(forms.Form):
    """The item's page shows several forms at once: ids of their own, the same field names."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class ProgressForm(_OnItemPage):
    id_prefix = "progress"
    text = forms.CharField(label=_("整改进展"), widget=TEXT, max_length=MAX_TEXT)
    files = FilesField(label=_("佐证材料"), required=False)


class CloseoutForm(_OnItemPage):
    """申请销号: files are required here as in the service, so the form says so before anything is sent."""

    id_prefix = "closeout"
    note = forms.CharField(label=_("整改完成情况"), widget=TEXT, max_length=MAX_TEXT, required=False)
    files = FilesField(
        label=_("佐证材料（至少一个）"),
        error_messages={"required": said_lazy("请至少上传一个佐证材料。", "Attach at least one file.")},
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VerifyForm(_OnItemPage):
    """The office's decision on an application: 销号 with its verification, or 退回 with a reason."""

    id_prefix = "verify"
    action = forms.ChoiceField(choices=[("close", "close"), ("refuse", "refuse")])
    note = forms.CharField(label=_("核查意见 / 退回理由"), widget=TEXT, max_length=MAX_TEXT)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class LookBackForm(forms.Form):
    """组织回头看: the window, the sample's sizes (or shares), the seed; or ids chosen by hand."""

    title = forms.CharField(label=_("名称"), max_length=200)
    closed_after = forms.DateField(label=_("抽取起始日"), widget=DATE, required=False)
    closed_before = forms.DateField(
        label=_("抽取截止日"),
        widget=DATE,
        help_text=_("抽取此日及以前销号的整改事项、完成的任务，一般为一年前"),
    )
    item_count = forms.IntegerField(label=_("抽取整改事项数"), min_value=0, initial=5)
    line_count = forms.IntegerField(label=_("抽取任务数"), min_value=0, initial=5)
    percent = forms.BooleanField(label=_("按比例（%）抽取"), required=False)
    seed = forms.IntegerField(
        label=_("随机种子"), min_value=0, max_value=2**31 - 1, required=False, help_text=_("留空则随机生成")
    )
    item_ids = forms.CharField(
        label=_("人工选取整改事项（编号，逗号分隔）"),
        required=False,
        help_text=_("填写后按人工选取，不再随机抽取"),
    )
    line_ids = forms.CharField(label=_("人工选取任务分工（编号，逗号分隔）"), required=False)

    def _ids(self, name: str) -> list[int] | None:
        text = self.cleaned_data.get(name, "").replace("，", ",").strip()
        if not text:
            return None
        try:
            return [int(part) for part in text.split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(
                said_lazy("请填写数字编号，用逗号分隔。", "Numbers, comma-separated.")
            ) from None

    def clean_item_ids(self):
        return self._ids("item_ids")

    def clean_line_ids(self):
        return self._ids("line_ids")

    def clean(self):
        data = super().clean()
        if data.get("item_ids") is not None or data.get("line_ids") is not None:
            data["item_ids"] = data.get("item_ids") or []
            data["line_ids"] = data.get("line_ids") or []
        return data


class RecheckForm(forms.Form):
    """复查 of one entry: the result, the date, what was found (required for 反弹)."""

    result = forms.ChoiceField(label=_("复查结果"), choices=[c for c in Recheck.choices if c[0]])
    checked_on = forms.DateField(label=_("复查日期"), widget=DATE)
    note = forms.CharField(label=_("复查情况"), widget=TEXT, max_length=MAX_TEXT, required=False)
