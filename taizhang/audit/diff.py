"""The before/after of an audit entry as rows a person reads: field, before, after, changed or not."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from taizhang.audit.models import AuditEvent

EMPTY = "—"


@dataclass(frozen=True)
class DiffRow:
    field: str
    before: str
    after: str
    changed: bool


def _text(value: Any, present: bool) -> str:
    if not present:
        return EMPTY
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_diff(entry: AuditEvent) -> list[DiffRow]:
    """Every field named on either side, in the order first seen (before, then the new ones after). A
    side that is not a mapping (a list, a bare value) shows as one row named ``值``."""
    before, after = entry.before, entry.after
    if before is None and after is None:
        return []
    if not isinstance(before or {}, dict) or not isinstance(after or {}, dict):
        b, a = _text(before, before is not None), _text(after, after is not None)
        return [DiffRow("值", b, a, b != a)]
    before, after = before or {}, after or {}
    rows = []
    for name in [*before, *(key for key in after if key not in before)]:
        b, a = _text(before.get(name), name in before), _text(after.get(name), name in after)
        rows.append(DiffRow(name, b, a, b != a))
    return rows
