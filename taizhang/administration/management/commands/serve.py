"""``taizhang serve``: the production server (gunicorn, ``administration.server``).

    taizhang serve [--bind 127.0.0.1:8000 ...] [--workers N] [--threads N] [--timeout S] [--check]

Workers and threads default to ``TAIZHANG_WORKERS`` / ``TAIZHANG_THREADS``, else to sync workers (one thread
each, behind nginx), 2 × cores + 1 of them; ``--threads`` above 1 gives threaded workers. ``--check``
refuses to start while a production setting is missing (``administration.preflight``). Runs until SIGTERM
or SIGINT (finishing the requests in flight); SIGHUP replaces the workers gracefully."""

from __future__ import annotations

from typing import ClassVar

from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.administration.preflight import production_problems, static_problem
from taizhang.administration.server import TaizhangServer, serve_options
from taizhang.lib.i18n import said, said_lazy


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise CommandError(said(f"须为正整数：{text!r}", f"must be a positive whole number: {text!r}"))
    return value


class Command(BaseCommand):
    help = said_lazy("生产服务器（gunicorn）", "the production server (gunicorn)")
    requires_system_checks: ClassVar[list] = []  # --check runs them, deployment checks included

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            action="append",
            metavar="ADDRESS",
            help=said(
                "监听地址，可多次",
                "address to listen on, repeatable (default 127.0.0.1:8000; unix:/run/taizhang.sock)",
            ),
        )
        parser.add_argument("--workers", type=_positive, help=said("进程数", "worker processes"))
        parser.add_argument(
            "--threads",
            type=_positive,
            help=said(
                "每进程线程数（默认 1：同步进程，前面须有 nginx）",
                "threads per worker (default 1: sync workers, with nginx in front)",
            ),
        )
        parser.add_argument(
            "--timeout", type=_positive, help=said("请求超时（秒）", "request timeout, seconds")
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help=said("生产配置不全则拒绝启动", "refuse to start while a production setting is missing"),
        )

    def handle(self, *args, bind, workers, threads, timeout, check, **options) -> None:
        problems = production_problems() if check else [p for p in [static_problem()] if p]
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                said(f"未启动：见上方 {len(problems)} 个问题", f"not started: {len(problems)} problems above")
            )
        server = TaizhangServer(serve_options(binds=bind, workers=workers, threads=threads, timeout=timeout))
        opts = server.options
        kind = "sync" if opts.threads == 1 else "gthread"
        self.stdout.write(
            f"taizhang serve: {', '.join(opts.binds)} — {opts.workers} 进程 workers × {opts.threads} "
            f"线程 threads ({kind})"
        )
        server.run()
