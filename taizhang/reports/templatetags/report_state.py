"""``{% load report_state %}``: a report's review state (审核状态) as a badge, colour always with text.

A tag rather than an included template: the periods of a line (报送周期) repeat it for every period, some 50
a page, and an ``{% include %}`` per row cost more than the rest of the row (issue 12 item 9)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

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
