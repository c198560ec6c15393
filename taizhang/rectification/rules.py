"""逾期 for rectification items is computed, never stored: the deadline has passed and the item is not
closed (销号). An item waiting for the office's verification is still overdue on the ledger — the close-out
is not done until the office says so — though its unit is no longer reminded (``reminders``)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from taizhang.rectification.models import RectificationItem, RectState


def is_overdue(item: RectificationItem, *, today: date) -> bool:
    return item.state != RectState.CLOSED and item.deadline < today


def overdue_q(today: date) -> Q:
    """``is_overdue`` as a filter, so the database can select and count overdue items."""
    return Q(deadline__lt=today) & ~Q(state=RectState.CLOSED)
