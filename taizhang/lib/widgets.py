"""Form widgets the pages share: the browser's own date picker, sent and shown as ISO dates."""

from __future__ import annotations

from django import forms


def date_input(label: str | None = None) -> forms.DateInput:
    """``<input type="date">``; ``label`` becomes its aria-label where the field has no visible label."""
    attrs = {"type": "date"} | ({"aria-label": label} if label else {})
    return forms.DateInput(attrs=attrs, format="%Y-%m-%d")


DATE = date_input()
