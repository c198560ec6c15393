"""What a warning rule returns: the warnings that should be open, as plain values, and how a measured value
(days overdue, periods missing, returns) turns into a level (提示, 黄色预警, 红色预警) with the thresholds of
``TAIZHANG_ALERT_THRESHOLDS`` and a requirement with ``TAIZHANG_ALERT_REQUIRES``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from taizhang.alerts.models import Level

# Rule slug → its name for people (the keys of TAIZHANG_ALERT_THRESHOLDS).
RULE_LABELS = {
    "milestone_overdue": _("进度逾期"),
    "report_missing": _("进展未报送"),
    "report_returned": _("进展多次退回"),
    "reported_late": _("报告未按期完成"),
    "undecomposed": _("逾期未分解"),
    "order_unanswered": _("督办未回复"),
    "rectification_overdue": _("整改逾期"),
}
# Levels from the mildest; a level's rank is its place here.
LEVELS = (Level.NOTICE, Level.YELLOW, Level.RED)
# The requirements from the mildest, as Required values.
REQUIREMENTS = ("none", "explain", "talk", "case")


@dataclass(frozen=True, slots=True)
class AlertSpec:
    """A warning the data raises today. ``key`` names its subject within the rule (``milestone:12``);
    ``evidence`` is the data that raised it (JSON-ready), with ``since``: the date the situation began, so
    that a warning the office closed by decision is not raised again for the same situation."""

    rule: str
    key: str
    unit_id: int
    region_id: int
    assignment_id: int | None
    level: str
    summary: str
    evidence: dict = field(default_factory=dict)


def level_for(rule: str, value: int) -> str | None:
    """The level ``value`` reaches under the rule's thresholds, or None below the notice threshold."""
    thresholds = settings.TAIZHANG_ALERT_THRESHOLDS[rule]
    for level in reversed(LEVELS):
        if value >= thresholds[level]:
            return level
    return None


def notice_at(rule: str) -> int:
    return settings.TAIZHANG_ALERT_THRESHOLDS[rule]["notice"]


def required_for(level: str) -> str:
    return settings.TAIZHANG_ALERT_REQUIRES[level]


def rank(level: str) -> int:
    return LEVELS.index(level)


def requires_at_least(required: str, least: str) -> bool:
    return REQUIREMENTS.index(required) >= REQUIREMENTS.index(least)


def cut(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
