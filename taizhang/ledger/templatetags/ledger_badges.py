"""``{% load ledger_badges %}``: a ledger line's traffic light (红黄绿灯) and its latest report as badges.

Tags in Python rather than included templates: the plan ledger and my-tasks repeat them for some 250 lines
a page, and two ``{% include %}`` per line cost more than the rest of the row (issue 12 item 9)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from taizhang.lib.markup import escape

register = template.Library()

_LIGHT_LABELS = {"red": gettext_noop("红灯"), "yellow": gettext_noop("黄灯"), "green": gettext_noop("绿灯")}
_DONE = gettext_noop("已完成")


def _light_html(line, labels: dict[str, str]) -> str:
    light = getattr(line, "light", None)
    if not light:
        return ""
    color = str(light.color)
    if color not in labels:
        labels[color] = escape(gettext(_LIGHT_LABELS.get(color, _DONE)))
    return f'<span class="light light-{escape(color)}" title="{escape(light.reason)}">{labels[color]}</span>'


def _report_html(line, brief: bool, labels: dict[str, str]) -> str:
    report = getattr(line, "latest_report", None)
    if not report:
        if "none" not in labels:
            labels["none"] = escape(gettext("未报送"))
        return f'<span class="badge badge-draft">{labels["none"]}</span>'
    period = escape(report.period_label)
    html = (
        f'<span class="badge" title="{period}">{escape(report.status_label)}</span> '
        f'<span class="badge {escape(report.review_badge)}">{escape(report.review_label)}</span>'
    )
    if report.late:
        if "late" not in labels:
            labels["late"] = escape(gettext("逾期报送"))
        html += f' <span class="badge light-red">{labels["late"]}</span>'
    if not brief:
        html += f" <small>{period}</small>"
    return html


@register.simple_tag
def light_badge(line) -> SafeString | str:
    """The light ``line.light`` (``ledger.rules.Light``, set by the view) as a badge, its reason in the
    tooltip; nothing when the view set no light — never a made-up colour."""
    html = _light_html(line, {})
    return mark_safe(html) if html else ""  # every value escaped in _light_html


@register.simple_tag
def report_badges(line, brief: bool = False) -> SafeString:
    """The latest report of ``line`` the user may read (``line.latest_report``): its status and review state
    as badges (labels and colour set by ``ledger.views.common.displayed``), or 未报送. ``brief``: badges
    only, for the tables; otherwise the period follows."""
    return mark_safe(_report_html(line, brief, {}))  # every value escaped in _report_html


@register.simple_tag
def line_deadline(line) -> str:
    """The date a line is due: its own deadline, else the task's date, else the task's printed wording."""
    if line.deadline:
        return line.deadline.isoformat()
    task = line.task
    if task.deadline_date:
        return task.deadline_date.isoformat()
    return task.deadline_text or "—"


@register.simple_tag
def unit_groups(groups) -> SafeString:
    """The plan ledger's 责任单位 cell: a task's units grouped by role (``plan_ledger.RoleGroup``), each unit
    with its light and its latest report's badges. Written here rather than by two nested loops in the
    template: the cell repeats for every line of the page (some 250); strings joined with each value
    escaped rather than a ``format_html`` per badge, and each label translated once per cell."""
    labels: dict[str, str] = {}
    cells = []
    for group in groups:
        units = "".join(
            f'<dd><span class="unit-name">{escape(line.unit)}</span> {_light_html(line, labels)} '
            f"{_report_html(line, True, labels)}</dd>"
            for line in group.lines
        )
        role = f'<span class="badge badge-{escape(group.role)}">{escape(group.label)}</span>'
        cells.append(f'<dl class="units"><dt>{role}</dt>{units}</dl>')
    return mark_safe("\n".join(cells))  # every value escaped above
