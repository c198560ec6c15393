"""Where an audit entry is placed (the unit and region of the person it is about), decided by an app above.

The audit app sits below units and accounts, so it cannot look a user's region up itself; ``accounts``
registers the function that does when it is ready. Without one (a bare test of this app) entries are placed
nowhere, which only the audit administrator of a root region reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Place = tuple[int | None, int | None]  # (unit id, region id)
_placer: Callable[[Any], Place] | None = None


def register_placer(placer: Callable[[Any], Place]) -> None:
    global _placer
    _placer = placer


def place_of(subject: Any) -> Place:
    """The (unit id, region id) an entry about ``subject`` belongs to (a person, or a record that names one
    or names a unit or region); (None, None) for nothing known."""
    if subject is None or _placer is None:
        return None, None
    return _placer(subject)
