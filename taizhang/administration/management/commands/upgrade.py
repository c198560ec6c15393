"""``taizhang upgrade --backup-to DEST`` (or ``--skip-backup``): what to run after installing a new version,
with the server stopped, before starting it again.

1. the settings: every check a production server needs (``administration.preflight``) — before anything
   changes, so a wrong environment file costs nothing;
2. a backup: ``taizhang backup DEST`` (a new dated folder inside DEST, signed, ``docs/backup.md``); without a
   destination it stops, unless ``--skip-backup`` says the operator has one; a backup that fails or finds
   a file missing stops it before anything changes;
3. ``migrate``, 4. ``collectstatic --noinput``;
5. ``integrity verify`` and ``audit verify``: stored files, sealed records and the audit chain still hold.

Each step prints one line; the first that fails stops the upgrade with exit 1 and says what to do."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from taizhang.administration.preflight import production_problems
from taizhang.lib.i18n import said, said_lazy

EXIT_FAILED = 1
DONE = said_lazy("升级完成，请重启服务", "upgrade done: restart the server (systemctl restart taizhang)")


class Failed(Exception):
    def __init__(self, what: str, advice: str):
        super().__init__(what)
        self.what, self.advice = what, advice


class Command(BaseCommand):
    help = said_lazy(
        "升级：备份、迁移、收集静态文件、核验", "upgrade: backup, migrate, collectstatic, verify"
    )
    requires_system_checks: ClassVar[list] = []  # step 1 runs them, deployment checks included

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--backup-to",
            type=Path,
            metavar="DEST",
            help=said("备份目录", "back up into a new folder in DEST"),
        )
        parser.add_argument(
            "--skip-backup",
            action="store_true",
            help=said("不备份（已另行备份）", "no backup (you have one)"),
        )

    def handle(self, *args, backup_to: Path | None, skip_backup: bool, **options) -> None:
        steps = [
            (said("检查配置", "settings"), self._settings),
            (said("备份", "backup"), lambda: self._backup(backup_to, skip_backup)),
            (said("数据库迁移", "migrate"), lambda: call_command("migrate", interactive=False, verbosity=0)),
            (
                said("静态文件", "collectstatic"),
                lambda: call_command("collectstatic", interactive=False, verbosity=0),
            ),
            (said("完整性核验", "integrity verify"), lambda: self._quiet("integrity", "verify")),
            (said("审计链核验", "audit verify"), lambda: self._quiet("audit", "verify")),
        ]
        for number, (name, step) in enumerate(steps, 1):
            try:
                step()
            except Failed as exc:
                self._fail(number, name, exc.what, exc.advice)
            except (Exception, SystemExit) as exc:
                self._fail(number, name, str(exc) or type(exc).__name__, _ADVICE.get(number, ""))
            self.stdout.write(f"[{number}/{len(steps)}] {name}: ok")
        self.stdout.write(DONE)

    def _fail(self, number: int, name: str, what: str, advice: str) -> None:
        self.stderr.write(said(f"[{number}] {name}: 失败\n{what}", f"[{number}] {name}: failed\n{what}"))
        if advice:
            self.stderr.write(advice)
        sys.exit(EXIT_FAILED)

    def _settings(self) -> None:
        if problems := production_problems(collected=False):
            raise Failed(
                "\n".join(problems),
                said(
                    "未做任何改动；请修正环境文件后重试",
                    "nothing changed: fix the environment file, run again",
                ),
            )

    def _backup(self, dest: Path | None, skip: bool) -> None:
        if skip:
            self.stdout.write(said("未备份（--skip-backup）", "no backup taken (--skip-backup)"))
            return
        if dest is None:
            raise Failed(
                said("未指定备份目录", "no backup destination"),
                said("请用 --backup-to DEST 重试", "run again with --backup-to DEST (or --skip-backup)"),
            )
        call_command("backup", str(dest), stdout=self.stdout, stderr=self.stderr)

    def _quiet(self, *args: str) -> None:
        call_command(*args, stdout=self.stdout, stderr=self.stderr)


_ADVICE = {
    2: said_lazy("未做任何改动（备份失败）", "nothing changed: the backup failed, see above"),
    3: said_lazy(
        "数据库可能只迁移了一部分：请从刚才的备份恢复（taizhang restore），或修正后重新运行",
        "the database may be partly migrated: restore the backup just"
        " taken (taizhang restore) or fix the cause and run again",
    ),
    4: said_lazy(
        "数据库已迁移；修正后重新运行 taizhang collectstatic --noinput",
        "the database is migrated: fix the cause and run `taizhang collectstatic --noinput`",
    ),
    5: said_lazy(
        "见上：文件或签名记录不符，已告警；请先查明再启动",
        "see above: files or sealed records do not match (alarmed); find out why before starting",
    ),
    6: said_lazy(
        "见上：审计链断裂；请先查明再启动",
        "see above: the audit chain is broken; find out why before starting",
    ),
}
