"""``taizhang files check [--clean] [--older-than HOURS]``: the file store against the rows
(``files.inventory``). One line per missing or damaged file and per orphan, then a summary; exit 1 when a
file is missing or damaged (orphans are untidy, not a failure). ``--clean`` removes orphans older than
``--older-than`` hours (default 24), audited as ``files.clean``."""

from __future__ import annotations

import sys
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.audit.context import audit_source
from taizhang.files.inventory import inventory
from taizhang.lib.i18n import said, said_lazy

EXIT_FAILED = 1


def _hours(text: str) -> float:
    try:
        hours = float(text)
    except ValueError:
        hours = -1
    if not hours >= 0:
        raise CommandError(
            said(f"--older-than 须为非负小时数：{text!r}", f"must be a number of hours ≥ 0: {text!r}")
        )
    return hours


class Command(BaseCommand):
    help = said_lazy("文件存储核查", "check the file store against the rows")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check", help=said("孤立、缺失、损坏的文件", "orphan, missing and damaged files")
        )
        check.add_argument(
            "--clean", action="store_true", help=said("删除过期的孤立文件", "remove old orphans")
        )
        check.add_argument(
            "--older-than", type=_hours, default=24.0, metavar="HOURS", help=said("默认 24", "default 24")
        )

    def handle(self, *args, action: str, clean: bool, older_than: float, **options) -> None:
        with audit_source("cmd:files check"):
            found = inventory(clean=clean, older_than=timedelta(hours=older_than))
        for name in found.missing:
            self.stderr.write(f"MISSING {name}")
        for name, digest in found.damaged:
            self.stderr.write(f"DAMAGED {name} (found sha256 {digest})")
        removed = set(found.removed)
        for name, modified in found.orphans:
            state = "REMOVED" if name in removed else "ORPHAN"
            self.stdout.write(f"{state} {name} ({modified:%Y-%m-%d %H:%M})")
        counts = (len(found.missing), len(found.damaged), len(found.orphans), len(found.removed))
        summary = "文件 {} 个，被引用 {} 个；缺失 {}，损坏 {}，孤立 {}（已删除 {}） / ".format(
            found.stored, found.named, *counts
        ) + "{} stored, {} named; {} missing, {} damaged, {} orphans ({} removed)".format(
            found.stored, found.named, *counts
        )
        if not found.sound:
            self.stderr.write(summary)
            sys.exit(EXIT_FAILED)
        self.stdout.write(summary)
