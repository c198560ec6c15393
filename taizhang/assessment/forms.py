"""Forms of the assessment pages. They check shape; the services check the rules."""

from __future__ import annotations

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.assessment.models import Indicator, Metric, StandardVersion
from taizhang.lib.ids import BoundedModelMultipleChoiceField
from taizhang.plans.models import Plan
from taizhang.units.fields import UnitsField
from taizhang.units.models import Unit


class StandardForm(forms.Form):
    name = forms.CharField(label=_("标准名称"), max_length=200)
    from_template = forms.BooleanField(
        label=_("从模板开始（三类13项指标，满分100分，可再修改）"), required=False, initial=True
    )


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class RoleWeightsForm(forms.Form):
    """牵头/配合 weights of a draft version (the service checks the range again)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    lead_weight = forms.DecimalField(label=_("牵头分工权重"), min_value=0.01, max_value=100, decimal_places=2)
    co_weight = forms.DecimalField(label=_("配合分工权重"), min_value=0, max_value=100, decimal_places=2)


class IndicatorForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    parent = forms.ModelChoiceField(label=_("上级指标"), queryset=Indicator.objects.none(), required=False)
    code = forms.CharField(label=_("编号"), max_length=20)
    name = forms.CharField(label=_("指标名称"), max_length=200)
    method = forms.ChoiceField(label=_("计分方式"), choices=Indicator.Method.choices)
    metric = forms.ChoiceField(label=_("自动计分依据"), choices=[("", "—"), *Metric.choices], required=False)
    max_points = forms.DecimalField(label=_("分值"), max_digits=6, decimal_places=2, min_value=0)
    weight = forms.DecimalField(label=_("权重"), max_digits=5, decimal_places=2, initial=1)
    params = forms.CharField(
        label=_("计分参数"),
        required=False,
        help_text='{"per_item": 1, "severity": {"general": 1, "serious": 2}}',
    )
    guidance = forms.CharField(label=_("评分细则"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, version: StandardVersion | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["parent"].queryset = version.indicators.filter(method=Indicator.Method.GROUP)

    def clean_params(self) -> dict:
        raw = self.cleaned_data["params"].strip()
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            raise forms.ValidationError(_('计分参数须为 JSON，如 {"per_item": 1}。')) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_('计分参数须为 JSON，如 {"per_item": 1}。'))
        return value


class AssessmentForm(forms.Form):
    title = forms.CharField(label=_("考核名称"), max_length=200)
    year = forms.IntegerField(label=_("考核年度"), min_value=2000)
    standard_version = forms.ModelChoiceField(
        label=_("考核标准版本"), queryset=StandardVersion.objects.none()
    )
    plans = BoundedModelMultipleChoiceField(
        label=_("纳入考核的方案"), queryset=Plan.objects.none(), required=False,
        help_text=_("为空时纳入本区划当年在执行的全部方案"),
    )  # fmt: skip
    units = UnitsField(
        label=_("被考核单位"), required=False,
        help_text=_("为空时为在所选方案中有台账的全部单位"),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        regions = region_ids_in_scope(user, Role.OFFICE_ADMIN)
        self.fields["year"].initial = timezone.localdate().year - 1
        self.fields["standard_version"].queryset = StandardVersion.objects.filter(
            state=StandardVersion.State.RELEASED, standard__region_id__in=regions
        ).select_related("standard")
        self.fields["plans"].queryset = Plan.objects.filter(region_id__in=regions).exclude(
            status=Plan.Status.DRAFT
        )
        self.fields["units"].queryset = Unit.objects.filter(region_id__in=regions, active=True).order_by(
            "order", "name"
        )


class StepForm(forms.Form):
    ACTIONS = (
        ("compute", _("计算得分")),
        ("review", _("提交审核")),
        ("submit", _("提交审批")),
        ("back", _("退回评分")),
        ("publish", _("发布")),
        ("circular", _("起草考核通报")),
    )
    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(label=_("退回理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ApprovalForm(forms.Form):
    """A leader's decision on an assessment submitted for approval."""

    action = forms.ChoiceField(choices=(("approve", _("审批通过")), ("return", _("退回"))))
    reason = forms.CharField(label=_("退回理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ScoreForm(forms.Form):
    score = forms.IntegerField(widget=forms.HiddenInput)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.DecimalField(label=_("得分"), max_digits=6, decimal_places=2, min_value=0)
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SubmitForm(forms.Form):
    action = forms.CharField(required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
