"""The one list of what ``taizhang tick`` runs: the steps that mark things overdue, then the reminder rules.

Each entry names a function in another app by module and name; it is imported when the tick runs, so a rule
whose app has not written it yet is skipped with a note instead of breaking the command. A rule takes
``today`` and returns ``list[ReminderIntent]`` (``notifications.intents``); an overdue step takes ``today``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

# Steps that record overdue states (逾期) before the rules read them.
# The warnings' refresh runs after them, so an order reply marked 逾期 today is read as such.
OVERDUE_STEPS: tuple[tuple[str, str], ...] = (
    ("taizhang.supervision.services.orders", "order_mark_overdue"),
    ("taizhang.alerts.services", "alerts_refresh"),
)

# Reminder rules (催办, 升级督办): each returns the intents of today.
REMINDER_RULES: tuple[tuple[str, str], ...] = (
    ("taizhang.supervision.reminders", "order_reminders"),
    ("taizhang.rectification.reminders", "rectification_reminders"),
)


def load(module: str, name: str) -> Callable | None:
    """The function, or None when its module or the name is not there (yet)."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):  # the module itself is missing, not one it imports
            return None
        raise
    function = getattr(found, name, None)
    return function if callable(function) else None
