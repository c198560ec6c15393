"""``{% load ledger_badges %}``: a ledger line's traffic light (红黄绿灯) and its latest report as badges.

Tags in Python rather than included templates: the plan ledger and my-tasks repeat them for some 250 lines
a page, and two ``{% include %}`` per line cost more than the rest of the row (issue 12 item 9)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop

register = template.Library()

_LIGHT_LABELS = {"red": gettext_noop("红灯"), "yellow": gettext_noop("黄灯"), "green": gettext_noop("绿灯")}
_DONE = gettext_noop("已完成")


@register.simple_tag
def light_badge(line) -> SafeString | str:
    """The light ``line.light`` (``ledger.rules.Light``, set by the view) as a badge, its reason in the
    tooltip; nothing when the view set no light — never a made-up colour."""
    light = getattr(line, "light", None)
    if not light:
        return ""
    color = str(light.color)
    label = gettext(_LIGHT_LABELS.get(color, _DONE))
    return format_html('<span class="light light-{}" title="{}">{}</span>', color, light.reason, label)


@register.simple_tag
def report_badges(line, brief: bool = False) -> SafeString:
    """The latest report of ``line`` the user may read (``line.latest_report``): its status and review state
    as badges (labels and colour set by ``ledger.views.common.displayed``), or 未报送. ``brief``: badges
    only, for the tables; otherwise the period follows."""
    report = getattr(line, "latest_report", None)
    if not report:
        return format_html('<span class="badge badge-draft">{}</span>', gettext("未报送"))
    html = format_html(
        '<span class="badge" title="{}">{}</span> <span class="badge {}">{}</span>',
        report.period_label,
        report.status_label,
        report.review_badge,
        report.review_label,
    )
    if report.late:
        html += format_html(' <span class="badge light-red">{}</span>', gettext("逾期报送"))
    if not brief:
        html += format_html(" <small>{}</small>", report.period_label)
    return html


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
    template: the cell repeats for every line of the page (some 250)."""
    return format_html_join(
        "\n",
        '<dl class="units"><dt><span class="badge badge-{}">{}</span></dt>{}</dl>',
        (
            (
                group.role,
                group.label,
                format_html_join(
                    "",
                    '<dd><span class="unit-name">{}</span> {} {}</dd>',
                    ((line.unit, light_badge(line), report_badges(line, brief=True)) for line in group.lines),
                ),
            )
            for group in groups
        ),
    )
