"""Forms of 联系会议; the services check every rule again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.files.forms import FilesField
from taizhang.inspections.findings import RECORDING_STATES
from taizhang.inspections.models import Finding, Inspection
from taizhang.lib.widgets import DATE
from taizhang.supervision.models import SupervisionOrder
from taizhang.units.fields import UnitField, UnitsField
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids


class MeetingForm(forms.Form):
    """记录联系会议: choices limited to the regions where the user is an office admin."""

    region = forms.ModelChoiceField(label=_("行政区划"), queryset=Region.objects.none(), empty_label=None)
    title = forms.CharField(label=_("会议名称"), max_length=200)
    held_on = forms.DateField(label=_("会议日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    units = UnitsField(label=_("参会单位"), required=False)
    participants = forms.CharField(
        label=_("参会人员"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    minutes = forms.CharField(
        label=_("会议纪要"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000, required=False
    )
    decisions = forms.CharField(
        label=_("决定事项"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("每行一项，记录后可逐项转为督办单或问题"),
    )
    files = FilesField(label=_("会议材料"), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        regions = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
        self.fields["region"].queryset = Region.objects.filter(pk__in=regions).order_by("level", "name")
        self.fields["units"].queryset = Unit.objects.filter(region_id__in=regions, active=True).order_by(
            "order", "pk"
        )

    def clean_decisions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["decisions"].splitlines() if line.strip()]


def _region_units(region_id: int):
    return Unit.objects.filter(region_id__in=region_subtree_ids({region_id}), active=True).order_by(
        "order", "pk"
    )


class ToOrderForm(forms.Form):
    """转为督办单."""

    deadline = forms.DateField(label=_("办理时限"), widget=DATE)
    units = UnitsField(label=_("承办单位"))
    priority = forms.ChoiceField(label=_("缓急程度"), choices=SupervisionOrder.Priority.choices)

    def __init__(self, *args, region_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = _region_units(region_id)


class ToFindingForm(forms.Form):
    """转为问题: an inspection of the region under way or done, and one of its units."""

    inspection = forms.ModelChoiceField(label=_("督办检查"), queryset=Inspection.objects.none())
    unit = UnitField(label=_("单位"))
    severity = forms.ChoiceField(label=_("严重程度"), choices=Finding.Severity.choices)

    def __init__(self, *args, region_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = Inspection.objects.filter(
            region_id=region_id, state__in=RECORDING_STATES
        ).order_by("-start_date", "-pk")
        self.fields["unit"].queryset = _region_units(region_id)
