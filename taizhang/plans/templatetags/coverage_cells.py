"""``{% load coverage_cells %}``: the 落实情况 page's cell of a task's covering regions, each linked to its
plans with its completion rate and 逾期 count.

A tag in Python rather than nested template loops: a province plan's 160 tasks with their ~2,900
covering regions cost the template 1–2 s of the page's time. Built here, escaped with ``lib.markup.escape``
(what Django's ``escape`` does, without its lazy-string wrapper), a tenth."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from taizhang.lib.markup import escape

register = template.Library()


@register.simple_tag(takes_context=True)
def covered_cell(context, row) -> SafeString:
    """``row`` (``plans.coverage.TaskCoverage``): its ``covered`` regions, "—" when none."""
    if not row.covered:
        return mark_safe("—")
    urls = context.render_context.setdefault("coverage_plan_urls", {})
    overdue_label = gettext("逾期 %(n)s")
    parts = []
    for c in row.covered:
        links = []
        for plan_id, title in c.plans.items():
            if plan_id not in urls:
                urls[plan_id] = reverse("plan_detail", args=[plan_id])
            links.append(
                f'<a href="{escape(urls[plan_id])}" title="{escape(title)}">{escape(c.region.name)}</a>'
            )
        rate = c.tally.rate
        figures = "—" if rate is None else f"{rate:.1f}%"
        if c.tally.overdue:
            figures += " · " + overdue_label % {"n": c.tally.overdue}
        parts.append(f"{''.join(links)}（{escape(figures)}）")
    return mark_safe("、".join(parts))
