"""Form widgets the pages share: the browser's own date picker, sent and shown as ISO dates."""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def date_input(label: str | None = None) -> forms.DateInput:
    """``<input type="date">``; ``label`` becomes its aria-label where the field has no visible label."""
    attrs = {"type": "date"} | ({"aria-label": label} if label else {})
    return forms.DateInput(attrs=attrs, format="%Y-%m-%d")


DATE = date_input()


def _attrs(attrs: dict) -> str:
    """What Django's ``django/forms/widgets/attrs.html`` writes: `` name="value"``, a bare name for True."""
    return mark_safe(  # every part escaped by format_html or conditional_escape
        "".join(
            f" {conditional_escape(name)}" if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False and value is not None
        )
    )


class LongSelect(forms.Select):
    """A ``<select>`` of many options (a region's units, a plan's sections) written in Python: the same HTML
    as Django's templates give, without an ``{% include %}`` per option, which cost a filter form with 150
    units some 10 ms a page (issue 12 item 9). Grouped choices go the template way."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _, _ in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = mark_safe(  # each option escaped by format_html
            "".join(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    str(option["value"]),
                    _attrs(option["attrs"]),
                    option["label"],
                )
                for _, group, _ in widget["optgroups"]
                for option in group
            )
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', widget["name"], _attrs(widget["attrs"]), options
        )
