"""The data behind a computed score in words, for the score sheet and the .xlsx."""

from __future__ import annotations

from django.utils.translation import gettext as _

from taizhang.inspections.models import Finding

SEVERITY_LABELS = dict(Finding.Severity.choices)


def measured_text(measured: dict | None) -> str:
    """``12 / 15（80.0%）`` for a rate, ``3 项（一般 2，较重 1）`` for a count, "" when nothing was
    measured."""
    if not measured:
        return ""
    if "denominator" in measured:
        if not measured["denominator"]:
            return _("无应考核事项")
        share = 100 * measured["numerator"] / measured["denominator"]
        return f"{measured['numerator']} / {measured['denominator']}（{share:.1f}%）"
    text = _("%(n)s 项") % {"n": measured.get("count", 0)}
    if by_severity := measured.get("by_severity"):
        parts = "，".join(f"{SEVERITY_LABELS.get(k, k)} {n}" for k, n in sorted(by_severity.items()))
        text += f"（{parts}）"
    return text
