"""``{% load dashboard_tables %}``: the rows of the dashboard's tables (the figures behind the section and
unit charts, the overdue list) written in Python: some 80 rows of 7–9 cells a page, which as template loops
cost more than the rest of the page's rendering (issue 12 item 9). The cells are what the template wrote:
the same filters (``floatformat``, ``truncatechars``) called as functions, dates as ``date:"Y-m-d"`` writes
them (ISO), every value escaped."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat, truncatechars
from django.utils.safestring import SafeString, mark_safe

from taizhang.lib.markup import escape

register = template.Library()
_RED = '<span class="light light-red">'


@register.simple_tag
def group_rows(groups) -> SafeString:
    """A row per ``dashboard.selectors.Group``: its title, lines by progress and completion rate."""
    rows = []
    for group in groups:
        split = group.split
        rate = "—" if split.rate is None else f"{escape(floatformat(split.rate, 1))}%"
        cells = "".join(
            f'<td class="num">{n}</td>'
            for n in (split.lines, split.done, split.in_progress, split.not_started, split.overdue)
        )
        rows.append(f'<tr><th scope="row">{escape(group.title)}</th>{cells}<td class="num">{rate}</td></tr>')
    return mark_safe("\n".join(rows))  # every value escaped above


@register.simple_tag
def overdue_rows(overdue, *labels: str) -> SafeString:
    """A row per (``dashboard.selectors.OverdueLine``, its task's address). ``labels``: the column labels
    as the template translated them (unit, task, deadline, overdue since, days; the milestone mark)."""
    unit, task, deadline, since, days, milestone = (escape(label) for label in labels)
    rows = []
    for line, url in overdue:
        text = escape(truncatechars(line.task_text, 80))
        text = f'<a href="{escape(url)}">{text}</a>' if url else text
        due = line.deadline.isoformat() if line.deadline else "—"  # the date filter's Y-m-d
        if line.overdue_since:
            since_cell = line.overdue_since.isoformat()
            if line.overdue_since != line.deadline:
                since_cell += f" <small>{milestone}</small>"
            tail = (
                f'<td class="nowrap" data-label="{since}">{since_cell}</td>\n'
                f'<td class="num" data-label="{days}">{_RED}{escape(line.days)}</span></td>'
            )
        else:
            tail = f'<td data-label="{since}" colspan="2">{_RED}{escape(line.cause)}</span></td>'
        rows.append(
            f'<tr>\n<td class="nowrap" data-label="{unit}">{escape(line.unit)}</td>\n'
            f'<td class="task-text" data-label="{task}">\n{text}\n</td>\n'
            f'<td class="nowrap" data-label="{deadline}">{due}</td>\n{tail}\n</tr>'
        )
    return mark_safe("\n".join(rows))  # every value escaped above
