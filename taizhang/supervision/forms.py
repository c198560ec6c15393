"""Forms of the supervision pages. They check shape only (choices, lengths, dates as dates); the services
check the rules again and decide. Error texts are in the reader's language, like the services' refusals."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from taizhang.lib.i18n import said
from taizhang.lib.ids import BoundedModelMultipleChoiceField
from taizhang.lib.widgets import DATE
from taizhang.plans.fields import TasksField
from taizhang.regulations.models import Regulation
from taizhang.supervision.models import SupervisionOrder
from taizhang.supervision.services.checks import MAX_REASON, MAX_TEXT
from taizhang.units.fields import UnitsField

# The models' Chinese labels as msgids, so the English pages translate them
# (templates use ``{% translate x.get_…_display %}``).
_LABELS = (
    gettext_noop("一般"),
    gettext_noop("重要"),
    gettext_noop("紧急"),
    gettext_noop("草稿"),
    gettext_noop("已下发"),
    gettext_noop("已办结"),
    gettext_noop("待回复"),
    gettext_noop("已回复"),
    gettext_noop("已采纳"),
    gettext_noop("已退回"),
    gettext_noop("逾期"),
    gettext_noop("未启动"),
    gettext_noop("逾期未完成"),
)


class OrderForm(forms.Form):
    """督办单: what to do, by when, by whom; ``action=issue`` issues it at once, else it stays a draft."""

    title = forms.CharField(label=_("标题"), max_length=200)
    requirement = forms.CharField(
        label=_("督办要求"), widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_TEXT
    )
    deadline = forms.DateField(label=_("办理时限"), widget=DATE)
    priority = forms.ChoiceField(
        label=_("缓急程度"), choices=[(v, _(label)) for v, label in SupervisionOrder.Priority.choices]
    )
    topic = forms.CharField(
        label=_("督办事项"), max_length=200, required=False, help_text=_("不针对具体任务时填写")
    )
    tasks = TasksField(label=_("督办任务"), required=False)
    units = UnitsField(label=_("承办单位"))
    action = forms.ChoiceField(choices=[("save", "save"), ("issue", "issue")], required=False)

    def __init__(self, *args, units, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["tasks"].queryset = tasks

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(said("办理时限不能早于今天。", "The deadline cannot be in the past."))
        return deadline

    @property
    def issues(self) -> bool:
        return self.cleaned_data.get("action") == "issue"


class VersionForm(forms.Form):
    """A step on a whole order (下发, 办结), from the version the office saw."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReplyForm(forms.Form):
    """办理情况: the unit's reply, from the version it saw."""

    text = forms.CharField(label=_("办理情况"), widget=forms.Textarea(attrs={"rows": 6}), max_length=MAX_TEXT)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DecisionForm(forms.Form):
    """The office's decision on one reply: accept (采纳) or return (退回, with a reason)."""

    action = forms.ChoiceField(choices=[("accept", "accept"), ("return", "return")])
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_REASON, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "return" and not cleaned.get("reason", "").strip():
            self.add_error("reason", said("退回须说明理由。", "A return needs a reason."))
        return cleaned


class ExplanationForm(forms.Form):
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_REASON)


class RegulationChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: Regulation) -> str:
        return str(obj)


class KeyRegulationForm(forms.Form):
    """重点制度 of one unit and year: picked from the register, or typed one title a line."""

    regulations = RegulationChoiceField(
        label=_("从制度库选择"),
        queryset=Regulation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    new_titles = forms.CharField(
        label=_("制度库中没有的，填写制度名称"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("每行一项，不含书名号"),
    )

    def __init__(self, *args, register, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regulations"].queryset = register

    def chosen(self) -> list:
        titles = [line.strip() for line in self.cleaned_data["new_titles"].splitlines() if line.strip()]
        return [*self.cleaned_data["regulations"], *titles]
