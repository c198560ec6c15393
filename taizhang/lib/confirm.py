"""确认: the step before an action that cannot be undone (报送, 发布方案, 发布通报, 提交自评, 发布考核).

The action's own URL answers GET with a confirmation page saying what will happen and to whom; a POST acts
only with ``confirmed=1`` — the field the confirmation page's button adds. A POST without it (the button
on the detail page, an old form) shows the same page carrying what was posted, and changes nothing. Server-
rendered and without JavaScript, so it works the same with htmx off; the buttons are plain forms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

FIELD = "confirmed"
_NOT_CARRIED = {FIELD, "csrfmiddlewaretoken"}


def is_confirmed(request: HttpRequest) -> bool:
    """A POST from the confirmation page."""
    return request.method == "POST" and request.POST.get(FIELD) == "1"


@dataclass(frozen=True, slots=True)
class Confirmation:
    """What the page says: ``title`` (the action, e.g. "发布方案"), ``lines`` (what will happen, to whom),
    ``recipients`` (names listed under them; may be empty), the ``button`` text, where the form posts
    (``action``) and where 取消 goes back to (``back``)."""

    title: str
    lines: Sequence[str]
    button: str
    action: str
    back: str
    recipients: Sequence[str] = ()


def confirm_page(
    request: HttpRequest, confirmation: Confirmation, *, fields: Iterable[tuple[str, str]] = ()
) -> HttpResponse:
    """The confirmation page. ``fields``: the hidden values its form posts (on a POST, what was posted is
    carried instead, so the action runs on what the user sent)."""
    if request.method == "POST":
        fields = [(k, v) for k, values in request.POST.lists() if k not in _NOT_CARRIED for v in values]
    return render(request, "confirm.html", {"confirm": confirmation, "fields": list(fields), "field": FIELD})
