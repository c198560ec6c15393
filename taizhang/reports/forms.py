"""Forms of the report pages: the unit's report and a reviewer's decision (its files: ``files.forms``).

Forms check shape only (choices, lengths, file type and size); the services check the rules again and
decide. Error texts are in the reader's language, like the services' own refusals.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from taizhang.lib.i18n import said
from taizhang.lib.widgets import LongSelect
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.queue import DEFAULT_SORT, QueueChoices, QueueFilters
from taizhang.reports.services import MAX_NARRATIVE
from taizhang.reports.workflow import MAX_REASON

# The models keep plain Chinese labels; these are the same texts as msgids, so the English pages can
# translate them (templates use ``{% translate report.get_…_display %}``).
_LABELS = (
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
    gettext_noop("牵头"),
    gettext_noop("配合"),
    gettext_noop("负责"),
    gettext_noop("按月"),
    gettext_noop("按季度"),
    gettext_noop("按年"),
)


class ReportForm(forms.Form):
    """进展报送: the status and narrative of one period, and whether to send it (``action=submit``)."""

    status = forms.ChoiceField(
        label=_("进展状态"), choices=[(value, _(label)) for value, label in ProgressReport.Status.choices]
    )
    narrative = forms.CharField(
        label=_("进展情况"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_NARRATIVE,
        required=False,
    )
    # Absent when the period's report does not exist yet; the service then creates it.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    action = forms.ChoiceField(choices=[("save", "save"), ("submit", "submit")], required=False)

    @property
    def submits(self) -> bool:
        return self.cleaned_data.get("action") == "submit"


class ReviewForm(forms.Form):
    """A reviewer's decision on one report, taken from the version they saw."""

    action = forms.ChoiceField(choices=[("approve", "approve"), ("accept", "accept"), ("return", "return")])
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_REASON, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "return" and not cleaned.get("reason", "").strip():
            self.add_error("reason", said("退回须说明理由。", "A return needs a reason."))
        return cleaned


_ANY = ("", _("全部"))
_PICK = {"required": False, "coerce": int, "empty_value": None, "widget": LongSelect}
_STATE_LABELS = {ReviewState.SUBMITTED: _("待单位审核"), ReviewState.APPROVED: _("待惩防办通过")}


class QueueFilterForm(forms.Form):
    """The review queue's filters and order, read from the query string. A value that is not a choice is
    dropped (the field shows its error) rather than turning the page away: the filters only ever narrow."""

    plan = forms.TypedChoiceField(label=_("方案"), **_PICK)
    unit = forms.TypedChoiceField(label=_("单位"), **_PICK)
    period = forms.ChoiceField(label=_("报送周期"), required=False)
    state = forms.ChoiceField(label=_("审核状态"), required=False)
    late = forms.ChoiceField(
        label=_("逾期报送"), required=False, choices=[_ANY, ("yes", _("逾期")), ("no", _("按期"))]
    )
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[
            ("oldest", _("最早报送周期在前")),
            ("due", _("报送截止日期")),
            ("unit", _("单位")),
            ("plan", _("方案")),
        ],
    )

    def __init__(self, data, *, choices: QueueChoices, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["plan"].choices = [_ANY, *choices.plans]
        self.fields["unit"].choices = [_ANY, *choices.units]
        self.fields["period"].choices = [_ANY, *choices.periods]
        self.fields["state"].choices = [_ANY, *((s, _STATE_LABELS[s]) for s in choices.states)]
        if len(choices.states) < 2:  # one queue: nothing to choose
            del self.fields["state"]

    def filters(self) -> QueueFilters:
        self.is_valid()
        data = self.cleaned_data
        late = {"yes": True, "no": False}.get(data.get("late") or "")
        return QueueFilters(
            plan=data.get("plan"),
            unit=data.get("unit"),
            period=_period(data.get("period") or ""),
            state=data.get("state") or "",
            late=late,
        )

    def order(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("sort") or DEFAULT_SORT


def _period(value: str) -> tuple[date, str] | None:
    start, _bar, label = value.partition("|")  # a choice, so well formed
    return (date.fromisoformat(start), label) if label else None


class BatchReviewForm(forms.Form):
    """批量审核: the ticked reports, each as ``id.version`` (the version the reviewer saw), one action and,
    to return them, one reason."""

    action = forms.ChoiceField(choices=[("pass", "pass"), ("return", "return")])
    report = forms.Field(required=False)  # every ticked box: parsed by clean_report
    reason = forms.CharField(
        label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_REASON, required=False
    )

    def clean_report(self) -> list[tuple[int, int]]:
        items = []
        for value in self.data.getlist("report"):
            pk, _dot, version = value.partition(".")
            if not (pk.isdigit() and version.isdigit()):
                raise forms.ValidationError(
                    said("所选报送无效，请刷新页面后重试。", "Invalid selection; reload the page.")
                )
            items.append((int(pk), int(version)))
        return items
