"""``taizhang restore SRC [--allow-unsigned]``: a backup folder into this installation, which must be empty
(a fresh data dir or database, migrated or not). Exit 0 restored and checked; 1 restored but the counts, the
files or the audit chain do not hold; 2 refused, nothing written (``administration.backup.restore``). An
unsigned backup (made without a keyring) is restored into an installation with a keyring only with
``--allow-unsigned``."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.administration.backup.manifest import UNSIGNED
from taizhang.administration.backup.restore import backup_restore
from taizhang.audit.context import audit_source
from taizhang.lib.i18n import said, said_lazy
from taizhang.lib.refusal import Refusal

EXIT_PROBLEMS, EXIT_REFUSED = 1, 2


class Command(BaseCommand):
    help = said_lazy("从备份恢复到空的安装", "restore a backup into an empty installation")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, metavar="SRC")
        parser.add_argument(
            "--allow-unsigned",
            action="store_true",
            help=said("接受未签名的备份", "accept an unsigned backup (made without a keyring)"),
        )

    def handle(self, *args, source: Path, allow_unsigned: bool, **options) -> None:
        try:
            with audit_source("cmd:restore"):
                restored = backup_restore(source, allow_unsigned=allow_unsigned)
        except Refusal as exc:
            raise CommandError(
                said(f"{exc}（未写入任何内容）", f"{exc} (nothing written)"), returncode=EXIT_REFUSED
            ) from None
        if not restored.signed:
            self.stderr.write(said(f"警告：{UNSIGNED}", f"warning: {UNSIGNED}"))
        for problem in restored.problems:
            self.stderr.write(problem)
        if not restored.ok:
            self.stderr.write(
                said(f"恢复后核验未通过：{source}", f"the restored installation fails its checks: {source}")
            )
            sys.exit(EXIT_PROBLEMS)
        self.stdout.write(
            said(
                f"已恢复 {restored.rows} 行、{restored.files} 个文件；{restored.chain}",
                f"restored {restored.rows} rows, {restored.files} files; {restored.chain}",
            )
        )
