"""The charts' data, as the page embeds it (``json_script``) for ``static/taizhang/dashboard.js``: plain
lists with the labels already translated, so the script holds no text of its own."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from taizhang.dashboard.selectors import Dashboard, Group
from taizhang.ledger.lights import Progress
from taizhang.ledger.rules import Color

# The rules' Color labels are plain Chinese (they are also the reasons' words); the chart's are translated.
LIGHT_ORDER = (Color.RED, Color.YELLOW, Color.GREEN, Color.DONE)


def _light_label(color: Color) -> str:
    return {
        Color.RED: _("红灯"),
        Color.YELLOW: _("黄灯"),
        Color.GREEN: _("绿灯"),
        Color.DONE: _("已完成"),
    }[color]


def _groups(groups: list[Group]) -> dict:
    return {
        "labels": [g.label for g in groups],
        "titles": [g.title for g in groups],
        "lines": [g.split.lines for g in groups],
        "rates": [g.split.rate for g in groups],
        "series": {p.value: [getattr(g.split, p.value) for g in groups] for p in Progress},
    }


def chart_data(dashboard: Dashboard) -> dict:
    periods = dashboard.periods
    return {
        "locale": "EN" if (get_language() or "").startswith("en") else "ZH",
        "progress": [{"key": p.value, "name": str(p.label)} for p in Progress],
        "sections": _groups(dashboard.sections),
        "units": _groups(dashboard.top_units),
        "timeliness": {
            "labels": [p.period.label for p in periods],
            "series": [
                {"key": "on_time", "name": _("按时报送"), "data": [p.on_time for p in periods]},
                {"key": "late", "name": _("逾期报送"), "data": [p.late for p in periods]},
                {"key": "missing", "name": _("未报送"), "data": [p.missing for p in periods]},
            ],
        },
        "lights": [
            {"key": c.value, "name": _light_label(c), "value": dashboard.lights[c.value]} for c in LIGHT_ORDER
        ],
        "text": {"lines": _("条"), "rate": _("完成率"), "none": _("暂无数据")},
    }
