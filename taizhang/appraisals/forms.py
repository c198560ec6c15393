"""Forms of the 民主测评 pages; the services check every rule again."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.appraisals.models import Scale, Survey
from taizhang.appraisals.services import MAX_CODES
from taizhang.units.fields import UnitsField
from taizhang.units.models import Unit


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("测评名称"), max_length=200)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    scale = forms.ChoiceField(label=_("评价等次"), choices=Scale.choices)
    quota_percent = forms.IntegerField(
        label=_("最高等次比例上限（%）"),
        min_value=0,
        max_value=100,
        initial=30,
        help_text=_("每位测评人评为最高等次（满意或好）的单位不超过该比例，向下取整，至少一个；0 为不限。"),
    )
    units = UnitsField(label=_("被测评单位"))

    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        regions = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
        self.fields["units"].queryset = Unit.objects.filter(region_id__in=regions, active=True).order_by(
            "order", "pk"
        )


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("测评码数量"), min_value=1, max_value=MAX_CODES)


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("测评码"), max_length=40)


class BallotForm(forms.Form):
    """A grade for each unit of the survey (``unit_<id>``), the code carried along hidden."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = list(survey.units.order_by("order", "pk"))
        for unit in self.units:
            self.fields[f"unit_{unit.pk}"] = forms.ChoiceField(
                label=unit.name, choices=survey.grades, widget=forms.RadioSelect
            )

    def grades(self) -> dict[int, str]:
        return {unit.pk: self.cleaned_data[f"unit_{unit.pk}"] for unit in self.units}
