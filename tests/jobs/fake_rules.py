"""A reminder rule and an overdue step for the tick tests, put in ``jobs.steps`` by monkeypatching, so the
tests do not depend on what the supervision and rectification rules find in the data."""

from __future__ import annotations

INTENTS: list = []  # what ``reminders`` returns; set by each test
CALLS: list = []


def reminders(*, today):
    CALLS.append(("reminders", today))
    return list(INTENTS)


def mark_overdue(*, today):
    CALLS.append(("mark_overdue", today))


def broken(*, today):
    raise RuntimeError("rule failed on purpose")
