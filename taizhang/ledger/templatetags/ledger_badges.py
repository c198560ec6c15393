"""``{% load ledger_badges %}``: a ledger line's traffic light (红黄绿灯) and its latest report as badges.

Tags in Python rather than included templates: the plan ledger and my-tasks repeat them for some 250 lines
a page, and two ``{% include %}`` per line cost more than the rest of the row (issue 12 item 9)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from taizhang.lib.markup import escape, url_around

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


_ID = 2147483647  # stands for a line's or task's id in a URL reversed once per page


@register.simple_tag
def my_task_rows(lines, editable, *labels) -> SafeString:
    """我的任务's rows for one plan (``lines``: the page's lines of it, numbered): number, task (its section,
    a link, 分解任务 when ``editable`` holds the line), role, 责任领导, 责任人, deadline and light, latest
    report. Written here rather than as a template loop of some 20 variables and tags a row, for the 50 rows
    of a page; ``labels``: the seven column headings, each cell's ``data-label``. Every value escaped."""
    number, task_label, role_label, leader, persons, deadline, latest = (escape(label) for label in labels)
    task_url, edit_url = url_around("task_detail", last=_ID), url_around("assignment_edit", last=_ID)
    decompose = escape(gettext("分解任务"))
    roles: dict[str, str] = {}
    badges: dict[str, str] = {}
    rows = []
    for line in lines:
        task = line.task
        section = task.section
        section_html = f'<span class="task-section">{escape(section)}</span>' if section else ""
        edit = (
            f'<br><a class="muted" href="{edit_url[0]}{line.pk}{edit_url[1]}">{decompose}</a>'
            if line.pk in editable
            else ""
        )
        if line.role not in roles:
            label = escape(gettext(line.get_role_display()))
            roles[line.role] = f'<span class="badge badge-{escape(line.role)}">{label}</span>'
        text = linebreaksbr(task.text, autoescape=True)
        names = "、".join(f"<span>{escape(name)}</span>" for name in line.responsible_persons) or "—"
        rows.append(
            f'<tr>\n<td class="num" data-label="{number}">{line.number}</td>\n'
            f'<td class="task-text" data-label="{task_label}">\n{section_html}\n'
            f'<a href="{task_url[0]}{line.task_id}{task_url[1]}">{text}</a>\n'
            f"{edit}\n</td>\n"
            f'<td data-label="{role_label}">{roles[line.role]}</td>\n'
            f'<td class="nowrap" data-label="{leader}">{escape(line.responsible_leader or "—")}</td>\n'
            f'<td class="names" data-label="{persons}">{names}</td>\n'
            f'<td class="nowrap" data-label="{deadline}">\n{escape(line_deadline(line))}\n'
            f"{_light_html(line, badges)}\n</td>\n"
            f'<td class="nowrap" data-label="{latest}">{_report_html(line, False, badges)}</td>\n</tr>'
        )
    return mark_safe("\n".join(rows))  # every value escaped above
