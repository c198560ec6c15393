"""``taizhang worker``: runs the long actions users start from the pages (立即核对 …), polling the queue every
few seconds; one per deployment is enough, more may run (a job is claimed by one). Each poll also sends the
e-mail and robot messages stored since (a hand-over told at once; each delivery claimed by one runner,
``notifications.dispatch``); a failed one is retried by ``taizhang tick``, not every two seconds. ``--once``
runs what waits and exits (for a cron line or a test). SIGTERM/Ctrl-C: a job in hand finishes first."""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from taizhang.background.runner import run_queued
from taizhang.jobs.background import HANDLERS
from taizhang.lib.health import require_migrated
from taizhang.lib.i18n import said, said_lazy
from taizhang.notifications.dispatch import dispatch_pending


class Command(BaseCommand):
    help = said_lazy("后台任务执行进程：执行页面提交的耗时操作", "run the long actions queued by the pages")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help=said("执行完排队的任务即退出", "run what waits, exit")
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help=said("轮询间隔（秒）", "seconds between polls (default 2)"),
        )

    def handle(self, *args, once: bool = False, interval: float = 2.0, **options) -> None:
        require_migrated()
        stopping = []
        if not once:
            signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        while True:
            ran = run_queued(handlers=HANDLERS)
            if ran:
                self.stdout.write(said(f"已执行 {ran} 个任务", f"ran {ran} job(s)"))
            sent = dispatch_pending(now=timezone.now(), fresh_only=True)
            if sent.sent or sent.failed:
                self.stdout.write(
                    said(
                        f"消息已发送 {sent.sent}，失败 {sent.failed}",
                        f"sent {sent.sent}, failed {sent.failed}",
                    )
                )
            if once or stopping:
                return
            try:
                time.sleep(max(0.1, interval))
            except KeyboardInterrupt:
                return
