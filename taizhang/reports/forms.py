"""Forms of the report pages: the unit's report and a reviewer's decision (its files: ``files.forms``).

Forms check shape only (choices, lengths, file type and size); the services check the rules again and
decide. Error texts are in the reader's language, like the services' own refusals.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from taizhang.lib.i18n import said
from taizhang.reports.models import ProgressReport
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
