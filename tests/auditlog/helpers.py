"""Putting many entries in the log quickly, for the page tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from taizhang.audit.models import AuditEvent

PASSWORD = "审计-test-口令-2024"
T0 = datetime(2024, 3, 5, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def add_entries(n: int, *, at: datetime = T0, step: timedelta = timedelta(seconds=1), **fields) -> list[int]:
    """``n`` entries, the first at ``at``, each ``step`` later (0: all at the same instant); their ids."""
    fields.setdefault("action", "test.entry")
    made = AuditEvent.objects.bulk_create(AuditEvent(at=at + i * step, **fields) for i in range(n))
    return [entry.pk for entry in made]
