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
from taizhang.rectification.models import RectState
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
