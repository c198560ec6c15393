"""A warning's evidence (the data that raised it) as rows for people, and the page of its subject."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taizhang.alerts.models import Alert
from taizhang.rectification.models import RectState
from taizhang.reports.models import ReviewState
from taizhang.supervision.models import RecipientState

# Evidence key → label, in the order shown; keys not here (ids, ``since``) are for programs.
LABELS = {
    "milestone": _("进度目标"),
    "order": _("督办单"),
    "item": _("整改事项"),
    "period": _("报送周期"),
    "periods": _("未报送周期"),
    "periods_missing": _("连续未报送期数"),
    "late_periods": _("报告未按期完成的周期"),
    "returns": _("退回次数"),
    "last_returned": _("最近退回日期"),
    "review_state": _("审核状态"),
    "reply_state": _("办理状态"),
    "item_state": _("整改状态"),
    "due_date": _("应完成日期"),
}
# Rules whose value is the days past ``due_date``.
DAY_RULES = ("milestone_overdue", "order_unanswered", "rectification_overdue", "undecomposed")
_CHOICES = {"review_state": ReviewState, "reply_state": RecipientState, "item_state": RectState}


def days_overdue(alert: Alert, today: date) -> int | None:
    """Days past the due date, today (or on the day the warning closed): counted, not stored, so that the
    stored evidence changes only when the data does."""
    if alert.rule not in DAY_RULES or "due_date" not in alert.evidence:
        return None
    end = timezone.localdate(alert.closed_at) if alert.closed_at else today
    return (end - date.fromisoformat(alert.evidence["due_date"])).days


def evidence_rows(alert: Alert, today: date) -> list[tuple[str, str]]:
    rows = []
    for key, label in LABELS.items():
        if key not in alert.evidence:
            continue
        value = alert.evidence[key]
        if key in _CHOICES and value in _CHOICES[key].values:
            value = _CHOICES[key](value).label
        elif isinstance(value, list):
            value = "、".join(str(v) for v in value)
        rows.append((label, str(value)))
    if (days := days_overdue(alert, today)) is not None:
        rows.append((_("逾期天数"), str(days)))
    return rows


def subject_url(alert: Alert) -> str:
    """The page of what raised the warning: the line's reports, the order or the rectification item."""
    evidence = alert.evidence
    if "order_id" in evidence:
        return reverse("order_detail", args=[evidence["order_id"]])
    if "rectification_id" in evidence:
        return reverse("rectification_detail", args=[evidence["rectification_id"]])
    if alert.assignment_id:
        return reverse("report_periods", args=[alert.assignment_id])
    return ""
