"""Forms of the ledger pages: the plan ledger's filters and the decomposition (分解) of one line."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from taizhang.ledger.models import MAX_PERSONS, Assignment, CooperationRating
from taizhang.ledger.selectors import NO_REPORT, LedgerFilters
from taizhang.ledger.services import MilestoneIn
from taizhang.ledger.services.milestones import MAX_MILESTONES
from taizhang.lib.widgets import DATE, LongSelect, date_input
from taizhang.reports.models import ProgressReport

_ANY = ("", _("全部"))

# The models' Chinese labels the ledger pages show: marked here so the catalogue holds them, translated in the
# templates with {% translate obj.get_…_display %} and in the filter choices below.
MODEL_LABELS = (
    gettext_noop("牵头"),
    gettext_noop("配合"),
    gettext_noop("负责"),
    gettext_noop("未启动"),
    gettext_noop("推进中"),
    gettext_noop("已完成"),
    gettext_noop("长期坚持"),
    gettext_noop("未按期完成"),
    gettext_noop("草稿"),
    gettext_noop("已报送"),
    gettext_noop("单位已审核"),
    gettext_noop("已通过"),
    gettext_noop("已退回"),
    gettext_noop("已发布"),
    gettext_noop("已归档"),
    gettext_noop("制定"),
    gettext_noop("修订"),
    gettext_noop("完善"),
    gettext_noop("贯彻"),
    gettext_noop("涉及"),
)


def _translated(choices) -> list[tuple[str, str]]:
    return [(value, _(label)) for value, label in choices]  # each label is in MODEL_LABELS


class LedgerFilterForm(forms.Form):
    """The plan ledger's filters, read from the query string. A value that is not a choice is dropped
    (the field shows its error) rather than turning the page away: the filters only ever narrow."""

    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("任务内容或单位名称")}),
    )
    section = forms.TypedChoiceField(
        label=_("章节"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    unit = forms.TypedChoiceField(
        label=_("单位"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    role = forms.ChoiceField(
        label=_("职责"),
        required=False,
        choices=[_ANY, *_translated(Assignment.Role.choices)],
        widget=LongSelect,
    )
    status = forms.ChoiceField(
        label=_("最新进展"),
        required=False,
        choices=[_ANY, (NO_REPORT, _("未报送")), *_translated(ProgressReport.Status.choices)],
        widget=LongSelect,
    )
    overdue = forms.BooleanField(label=_("只看红灯"), required=False)

    def __init__(self, data, *, sections: dict[int, list[str]], units, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["section"].choices = [
            _ANY,
            *((pk, "　" * (len(path) - 1) + path[-1]) for pk, path in sections.items()),
        ]
        self.fields["unit"].choices = [_ANY, *((unit.pk, unit.name) for unit in units)]

    def filters(self) -> LedgerFilters:
        self.is_valid()
        data = self.cleaned_data
        return LedgerFilters(
            section=data.get("section"),
            unit=data.get("unit"),
            role=data.get("role") or None,
            report_status=data.get("status") or None,
            overdue=bool(data.get("overdue")),
            q=data.get("q") or "",
        )


_NAME_SEPARATORS = re.compile(r"[\n\r,，、;；]+")


class AssignmentForm(forms.Form):
    """责任领导, 责任人 (one a line or separated by commas), 履责要求, 工作标准, 完成时限, and the version the
    user started from. The rules are the service's; the form only parses."""

    responsible_leader = forms.CharField(label=_("责任领导"), required=False, max_length=50)
    responsible_persons = forms.CharField(
        label=_("责任人"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一人，或用逗号、顿号分隔。"),
    )
    duty_requirements = forms.CharField(
        label=_("履责要求"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    work_standard = forms.CharField(
        label=_("工作标准"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    deadline = forms.DateField(
        label=_("完成时限"),
        required=False,
        widget=DATE,
        help_text=_("不晚于任务时限。"),
    )
    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    @staticmethod
    def initial_for(assignment: Assignment) -> dict:
        return {
            "responsible_leader": assignment.responsible_leader,
            "responsible_persons": "\n".join(assignment.responsible_persons),
            "duty_requirements": assignment.duty_requirements,
            "work_standard": assignment.work_standard,
            "deadline": assignment.deadline,
            "expected_version": assignment.version,
        }

    def clean_responsible_persons(self) -> list[str]:
        names = [name.strip() for name in _NAME_SEPARATORS.split(self.cleaned_data["responsible_persons"])]
        names = [name for name in names if name]
        if len(names) > MAX_PERSONS:
            raise forms.ValidationError(_("责任人最多 %(n)s 人。"), params={"n": MAX_PERSONS})
        return names


class MilestoneForm(forms.Form):
    """One row of the milestone table; the table's headings label it, so each input carries aria-label."""

    title = forms.CharField(
        label=_("进度目标"), max_length=200, widget=forms.TextInput(attrs={"aria-label": _("进度目标")})
    )
    due_date = forms.DateField(label=_("计划完成"), widget=date_input(_("计划完成")))
    done_date = forms.DateField(label=_("实际完成"), required=False, widget=date_input(_("实际完成")))


class _MilestoneRows(forms.BaseFormSet):
    deletion_widget = forms.CheckboxInput(attrs={"aria-label": _("删除")})


MilestoneFormSet = forms.formset_factory(
    MilestoneForm,
    formset=_MilestoneRows,
    extra=2,
    can_delete=True,
    max_num=MAX_MILESTONES,
    validate_max=True,
)


def milestones_from(formset) -> list[MilestoneIn]:
    """The formset's milestones in the order shown, without blank rows and rows marked for deletion."""
    return [
        MilestoneIn(
            form.cleaned_data["title"], form.cleaned_data["due_date"], form.cleaned_data.get("done_date")
        )
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")  # a blank extra row has none
    ]


def milestone_initial(assignment: Assignment) -> list[dict]:
    return [
        {"title": m.title, "due_date": m.due_date, "done_date": m.done_date}
        for m in assignment.milestones.all()
    ]


class RatingForm(forms.Form):
    line = forms.TypedChoiceField(label=_("配合单位"), coerce=int)
    rating = forms.TypedChoiceField(
        label=_("配合评价"), coerce=int, choices=CooperationRating._meta.get_field("rating").choices
    )
    note = forms.CharField(label=_("评价说明"), max_length=500, required=False)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {line.pk: line for line in lines}
        self.fields["line"].choices = [(line.pk, line.unit.name) for line in lines]
