"""The scoring rules in words (评分规则): per indicator how it is scored and what "nothing to assess" means
(``indicator_rule``), the rule that gave a unit its score (``RULE_TEXT``, the codes of ``scoring``), and
the general rules (``GENERAL``). Shown on the standard's page and on each unit's score sheet, so a unit can
see why it lost points. The rules themselves live in ``scoring`` and ``metrics``; this says them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taizhang.assessment import scoring
from taizhang.assessment.models import Indicator, Metric
from taizhang.inspections.models import Finding

RULE_TEXT = {
    scoring.RATE: gettext_lazy("按比例计分"),
    scoring.DEDUCT: gettext_lazy("按项扣分"),
    scoring.NONE_DUE: gettext_lazy("无应考核事项，本项不计入，总分按适用指标折算"),
    scoring.OWED_NONE_SENT: gettext_lazy("应报未报，本项不得分"),
    scoring.NOT_INSPECTED: gettext_lazy("年度内未接受检查，本项不计入，总分按适用指标折算"),
    scoring.NOT_RECHECKED: gettext_lazy("年度内未被回头看抽查，本项不计入，总分按适用指标折算"),
    scoring.MANUAL: gettext_lazy("人工评分"),
    scoring.ASSESSOR: gettext_lazy("考核组评分"),
}

# What is measured, and when the indicator does not apply (or owes its points).
_RATE_WHAT = {
    Metric.TASK_COMPLETION: (
        gettext_lazy("截至考核截止日已到期的任务中，最近一次通过审核的进展为已完成或长期坚持的比例"),
        gettext_lazy("没有到期任务的"),
    ),
    Metric.ON_TIME: (
        gettext_lazy("年度内到期的进度目标中按期完成的比例"),
        gettext_lazy("年度内没有到期进度目标的"),
    ),
    Metric.REPORT_TIMELINESS: (
        gettext_lazy("应报进展中按期报送的比例，应报未报按未按期计"),
        gettext_lazy("年度内没有应报进展的"),
    ),
    Metric.RECTIFICATION_ON_TIME: (
        gettext_lazy("年度内到期的整改事项中按期销号的比例"),
        gettext_lazy("年度内没有到期整改事项的（没有问题不等于整改满分）"),
    ),
    Metric.ORDERS_ON_TIME: (
        gettext_lazy("年度内到期的督办单中按期回复的比例"),
        gettext_lazy("年度内没有到期督办单的"),
    ),
    Metric.SATISFACTION: (
        gettext_lazy("年度内已结束的民主测评中，评价为前两个等次（满意、基本满意或好、较好）的票数比例"),
        gettext_lazy("年度内没有已结束的民主测评的"),
    ),
    Metric.COOPERATION: (
        gettext_lazy("牵头单位对本单位配合工作的年度评价平均分占满分（5分）的比例"),
        gettext_lazy("年度内没有配合评价的"),
    ),
}
SEVERITY_LABELS = dict(Finding.Severity.choices)

GENERAL = (
    gettext_lazy("总分 = 适用指标得分之和 × 满分 ÷ 适用指标满分之和：不适用的指标既不给满分，也不给零分。"),
    gettext_lazy("考核组评分优先于计算得分和自评得分；低于满分须写明扣分理由。"),
    gettext_lazy("考核结果经惩防办提交、本地区领导审批后发布；发布前为“评分中”，没有名次和等次。"),
)


def indicator_rule(method: str, metric: str, max_points: Any, params: Mapping[str, Any] | None = None) -> str:
    """How one leaf indicator is scored, in the reader's language."""
    params = params or {}
    if method == Indicator.Method.GROUP:
        return ""
    if method == Indicator.Method.MANUAL:
        return _("考核组按评分细则评分（单位先自评），最高 %(max)s 分。") % {"max": max_points}
    if metric in _RATE_WHAT:
        what, none = _RATE_WHAT[metric]
        return _("得分 = %(max)s 分 × %(what)s。%(none)s，本项不计入，总分按适用指标折算。") % {
            "max": max_points, "what": what, "none": none,
        }  # fmt: skip
    per_item = params.get("per_item", 1)
    if metric == Metric.RETURNED_REPORTS:
        return _(
            "报送的进展每被退回一次扣 %(per)s 分，扣完为止；应报进展而一份未报的，本项得 0 分；"
            "年度内没有应报进展的，本项不计入。"
        ) % {"per": per_item}
    if metric == Metric.RELAPSES:
        return _(
            "回头看发现问题反弹的，每项扣 %(per)s 分，扣完为止；年度内未被回头看抽查的，本项不计入。"
        ) % {"per": per_item}
    if metric == Metric.FINDINGS:
        weights = params.get("severity") or {}
        detail = "，".join(f"{SEVERITY_LABELS.get(k, k)} ×{v}" for k, v in weights.items())
        text = _("检查发现的问题每项扣 %(per)s 分") % {"per": per_item}
        if detail:
            text += _("（按严重程度加权：%(detail)s）") % {"detail": detail}
        return text + _("，扣完为止；年度内未接受检查且没有问题的，本项不计入。")
    return ""
