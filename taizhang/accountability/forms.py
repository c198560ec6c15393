"""Forms of the accountability pages. The grounds offered are the chosen unit's warnings and findings in
the office's regions; the services check every rule again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accountability.models import AccountabilityCase
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.alerts.models import Alert
from taizhang.files.forms import FilesField
from taizhang.inspections.models import Finding
from taizhang.lib.ids import BoundedModelMultipleChoiceField
from taizhang.lib.refusal import TEXT_LIMIT as MAX_TEXT
from taizhang.lib.widgets import DATE
from taizhang.units.fields import UnitField
from taizhang.units.models import Unit

Case = AccountabilityCase
TEXT = forms.Textarea(attrs={"rows": 4})


class CaseForm(forms.Form):
    """立案. Without a unit yet (no ``?unit=`` / ``?alert=``), the grounds list is empty: choose the unit
    first (the page submits it by GET), then the grounds of that unit."""

    unit = UnitField(label=_("被问责单位"))
    target = forms.ChoiceField(label=_("问责对象"), choices=Case.Target.choices)
    person_name = forms.CharField(label=_("责任人姓名"), max_length=50, required=False)
    person_post = forms.CharField(label=_("职务"), max_length=100, required=False)
    title = forms.CharField(label=_("案由"), max_length=200)
    alerts = BoundedModelMultipleChoiceField(
        label=_("关联预警"),
        queryset=Alert.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    findings = BoundedModelMultipleChoiceField(
        label=_("关联检查问题"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    complaints = forms.CharField(label=_("投诉举报"), widget=TEXT, max_length=MAX_TEXT, required=False)
    surveys = forms.CharField(label=_("民意调查"), widget=TEXT, max_length=MAX_TEXT, required=False)
    opened_on = forms.DateField(label=_("立案日期"), widget=DATE)
    reaccountability = forms.BooleanField(label=_("再问责"), required=False)

    def __init__(self, *args, user: User, unit_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        regions = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
        f = self.fields
        f["unit"].queryset = Unit.objects.filter(region_id__in=regions, active=True).order_by("order", "pk")
        f["alerts"].queryset = Alert.objects.filter(region_id__in=regions, unit_id=unit_id).order_by(
            "-raised_at"
        )
        f["alerts"].label_from_instance = lambda a: (
            f"{a.get_level_display()} · {a.summary}（{a.get_state_display()}）"
        )
        f["findings"].queryset = (
            Finding.objects.filter(inspection__region_id__in=regions, unit_id=unit_id)
            .select_related("inspection")
            .order_by("-found_on")
        )
        f["findings"].label_from_instance = lambda x: (
            f"{x.found_on:%Y-%m-%d} {x.inspection.title}：{x.description[:60]}"
        )


class DecideForm(forms.Form):
    measure = forms.ChoiceField(label=_("问责方式"), choices=Case.Measure.choices)
    measure_detail = forms.CharField(label=_("处理情况"), widget=TEXT, max_length=MAX_TEXT)
    decided_on = forms.DateField(label=_("处理日期"), widget=DATE)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("结案日期"), widget=DATE)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class FilesForm(forms.Form):
    files = FilesField(label=_("案件材料"))
