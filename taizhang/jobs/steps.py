"""The one list of what ``taizhang tick`` runs, imported directly: a step or rule that is renamed or removed
breaks the import here at start-up, never silently at 3 a.m.

An overdue step takes ``today`` and records overdue states (逾期); a reminder rule (催办, 升级督办) takes
``today`` and returns ``list[ReminderIntent]`` (``notifications.intents``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from taizhang.accounts.signin_purge import signin_counters_purge
from taizhang.administration.onboarding.job import onboarding_passwords_expire
from taizhang.alerts.refresh import alerts_refresh_step
from taizhang.dashboard.rollup_snapshot import rollup_snapshot_step
from taizhang.instructions.follows import follow_news
from taizhang.jobs.audit_chain import audit_chain_check
from taizhang.ledger.progress_snapshot import task_progress_step
from taizhang.notifications.intents import ReminderIntent
from taizhang.rectification.reminders import rectification_reminders
from taizhang.reports.reminders import report_reminders
from taizhang.supervision.reminders import order_reminders
from taizhang.supervision.services.orders import order_mark_overdue

OverdueStep = Callable[..., object]
Check = Callable[..., str | None]
ReminderRule = Callable[..., Sequence[ReminderIntent]]

# Steps that record overdue states before the rules read them. The warnings' refresh runs after the order
# step, so an order reply marked 逾期 today is read as such. Housekeeping that must not wait for a check
# (sign-in counters past their windows, initial passwords nobody took within the hour) runs here too, and so
# does telling followers (关注) of their items' changes: it moves each follow's ``told_through`` with its
# message, in one transaction, which a rule returning intents could not. The 地区汇总 and 任务进展 snapshots
# come last, after the day's states.
OVERDUE_STEPS: tuple[OverdueStep, ...] = (
    order_mark_overdue,
    alerts_refresh_step,
    signin_counters_purge,
    onboarding_passwords_expire,
    follow_news,
    rollup_snapshot_step,
    task_progress_step,
)

# Reminder rules: each returns the intents of today.
REMINDER_RULES: tuple[ReminderRule, ...] = (order_reminders, rectification_reminders, report_reminders)

# Checks: each takes ``today``, records its own result and returns a problem (fails the tick) or None.
# Run outside any transaction, after the sending, so what they record stays even when they fail.
CHECKS: tuple[Check, ...] = (audit_chain_check,)
