"""``taizhang tick``: the periodic job, for cron or a systemd timer (every 10–15 minutes is plenty).

1. records overdue states (``steps.OVERDUE_STEPS``, e.g. order replies past their deadline → 逾期);
2. collects today's reminders from every rule (``steps.REMINDER_RULES``) and stores them as notifications
   with their deliveries (``notify_many``, in batches: an occasion already told is skipped as a duplicate);
3. runs the checks (``steps.CHECKS``: the audit chain's verification, its result audited, a failure alarmed
   and the tick's exit code non-zero). Not in a dry run;
4. sends what is waiting on e-mail and the group robot (``dispatch_pending``), retrying earlier failures;
5. runs the background jobs still queued (立即核对 …; ``taizhang worker`` normally runs them within seconds).

Idempotent: run it twice, or twice at once, and nobody is told twice. ``--dry-run`` does steps 1 and 2 in a
transaction it rolls back and sends nothing, and says what a real run would do.

One at a time across hosts: a run holds the lease ``tick`` (``jobs.lease``) for at most
``TAIZHANG_TICK_LEASE_MINUTES``; a tick started while another holds it says so and exits 0 (``--wait N``:
tries for N seconds first), so every app server may run the timer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from taizhang.audit.context import audit_source
from taizhang.background.runner import run_queued
from taizhang.jobs import steps
from taizhang.jobs.background import HANDLERS
from taizhang.jobs.lease import LeaseHeld, lease
from taizhang.lib.health import require_migrated
from taizhang.lib.i18n import said, said_lazy
from taizhang.notifications.dispatch import DispatchResult, dispatch_pending, pending_deliveries
from taizhang.notifications.services import notify_many


@dataclass
class TickResult:
    created: int = 0
    duplicates: int = 0
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _name(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def run_rules(*, today, result: TickResult) -> None:
    """Steps 1 and 2. A step or rule that raises is reported by name and the others still run. Each step
    keeps its own transactions (the warning refresh writes in short batches, so users' saves do not wait
    for it): no transaction around a step."""
    for step in steps.OVERDUE_STEPS:
        try:
            step(today=today)
        except Exception as exc:
            result.errors.append(f"{_name(step)}: {type(exc).__name__}: {exc}")
    for rule in steps.REMINDER_RULES:
        try:
            intents = rule(today=today)
        except Exception as exc:
            result.errors.append(f"{_name(rule)}: {type(exc).__name__}: {exc}")
            continue
        intents = list(intents)
        created = len(notify_many(intents=intents))
        result.created += created
        result.duplicates += len(intents) - created


def run_checks(*, today, result: TickResult) -> None:
    """Step 4. A check's problem, or its exception, is an error of the tick; the other checks still run."""
    for check in steps.CHECKS:
        try:
            problem = check(today=today)
        except Exception as exc:
            problem = f"{type(exc).__name__}: {exc}"
        if problem:
            result.errors.append(f"{_name(check)}: {problem}")


class Command(BaseCommand):
    help = said_lazy(
        "定时任务：标记逾期、生成催办提醒、发送邮件和群机器人消息", "overdue states, reminders, sending"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=said("只计算不保存、不发送", "compute only: save and send nothing"),
        )
        parser.add_argument(
            "--wait",
            type=int,
            default=0,
            metavar="SECONDS",
            help=said(
                "另一台服务器正在运行时最多等待的秒数", "how long to wait for another host's run to end"
            ),
        )

    def handle(self, *args, dry_run: bool = False, wait: int = 0, **options) -> None:
        if wait < 0:
            raise CommandError("--wait 不能为负数 / --wait must not be negative")
        require_migrated()
        if dry_run:  # saves and sends nothing: no need to keep another host's run out
            self._run(dry_run=True)
            return
        try:
            with lease("tick", seconds=settings.TAIZHANG_TICK_LEASE_MINUTES * 60, wait=wait):
                self._run(dry_run=False)
        except LeaseHeld as held:
            until = f"{timezone.localtime(held.expires_at):%H:%M:%S}"
            self.stdout.write(
                said(
                    f"另一个 tick 正在运行（{held.holder}，租约至 {until}），本次跳过",
                    f"another tick holds the lease ({held.holder}, until {until}); skipped",
                )
            )

    def _run(self, *, dry_run: bool) -> None:
        now = timezone.now()
        today = timezone.localdate(now)
        result = TickResult()
        with audit_source("cmd:tick"):
            if dry_run:
                with transaction.atomic():
                    run_rules(today=today, result=result)
                    waiting = pending_deliveries().count()
                    transaction.set_rollback(True)
            else:
                run_rules(today=today, result=result)
                run_checks(today=today, result=result)  # before sending: an alarm goes out now
                sent: DispatchResult = dispatch_pending(now=now)
                result.sent, result.failed = sent.sent, sent.failed
                run_queued(handlers=HANDLERS)  # what no worker picked up
        for error in result.errors:
            self.stderr.write(said(f"错误：{error}", f"error: {error}"))
        if dry_run:
            self.stdout.write(
                said(
                    f"[dry-run] {today}: 将新建提醒 {result.created} 条，"
                    f"重复跳过 {result.duplicates} 条，待发送 {waiting} 条",
                    f"[dry-run] {today}: would create {result.created}, skip"
                    f" {result.duplicates} as duplicates, send {waiting}",
                )
            )
        else:
            self.stdout.write(
                said(
                    f"{today}: 新建提醒 {result.created} 条，重复跳过 {result.duplicates}"
                    f" 条；发送成功 {result.sent} 条，失败 {result.failed} 条",
                    f"{today}: created {result.created}, skipped as duplicates {result.duplicates},"
                    f" sent {result.sent}, failed {result.failed}",
                )
            )
        if result.errors:
            raise CommandError(
                said(f"{len(result.errors)} 个规则出错", f"{len(result.errors)} rule(s) failed")
            )
