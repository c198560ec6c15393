"""``{% load report_state %}``: a report's review state (审核状态) as a badge, colour always with text.

A tag rather than an included template: the periods of a line (报送周期) repeat it for every period, some 50
a page, and an ``{% include %}`` per row cost more than the rest of the row (issue 12 item 9)."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from taizhang.lib.markup import escape, url_around
from taizhang.reports.models import ReviewState

register = template.Library()

_COLOURS = {
    ReviewState.ACCEPTED: "light-green",
    ReviewState.RETURNED: "light-red",
    ReviewState.DRAFT: "badge-draft",
}


@register.simple_tag
def review_state_badge(report) -> SafeString:
    """``report``'s review state as a badge (waiting for a reviewer: yellow); 未填报 for no report."""
    if not report:
        return format_html('<span class="badge badge-draft">{}</span>', gettext("未填报"))
    colour = _COLOURS.get(report.review_state, "light-yellow")
    return format_html('<span class="badge {}">{}</span>', colour, gettext(report.get_review_state_display()))


_SOME_DAY = date(1111, 11, 11)  # stands for a period's start in a URL reversed once per page


@register.simple_tag
def period_rows(rows, assignment_id: int, *labels) -> SafeString:
    """报送周期's rows of the periods begun (``views.periods.PeriodRow``): period, review state, status, due
    date, the late mark, the link to the report. Written here rather than as a template loop of some 15
    variables and tags a row, for the ~40 periods of a province's line; ``labels``: the six column
    headings (each cell's ``data-label``), then 逾期报送, 逾期未报 and 打开. Every value escaped."""
    period_label, state_label, status_label, due_label, late_label, action_label, sent, unsent, open_ = (
        escape(label) for label in labels
    )
    url = url_around("report_edit", assignment_id, last=_SOME_DAY)
    late_sent = f'<span class="badge light-red">{sent}</span>'
    late_unsent = f'<span class="badge light-red">{unsent}</span>'
    states: dict[str | None, str] = {}
    statuses: dict[str, str] = {}
    html = []
    for row in rows:
        report = row.report
        state = report.review_state if report else None
        if state not in states:
            states[state] = review_state_badge(report)
        if report:
            if report.status not in statuses:
                statuses[report.status] = escape(gettext(report.get_status_display()))
            status = statuses[report.status]
        else:
            status = "—"
        late = late_sent if report and report.late else late_unsent if row.unsent_past_due else "—"
        html.append(
            f'<tr>\n<td class="nowrap" data-label="{period_label}">{escape(row.period.label)}</td>\n'
            f'<td data-label="{state_label}">{states[state]}</td>\n'
            f'<td data-label="{status_label}">{status}</td>\n'
            f'<td class="nowrap" data-label="{due_label}">{row.due:%Y-%m-%d}</td>\n'
            f'<td data-label="{late_label}">\n{late}\n</td>\n'
            f'<td data-label="{action_label}"><a href="{url[0]}{row.period.start.isoformat()}{url[1]}">'
            f"{open_}</a></td>\n</tr>"
        )
    return mark_safe("\n".join(html))  # every value escaped above
