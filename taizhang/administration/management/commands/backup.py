"""``taizhang backup DEST [--verify]``, ``taizhang backup verify PATH`` and ``taizhang backup prune DEST
[--keep-daily 7] [--keep-weekly 4] [--keep-monthly 12] [--dry-run]`` (备份, ``administration.backup``).

Exit 0: done (and verified); 1: written but something is wrong (a file missing or damaged in the live store,
or the verification failed); 2: refused (bad destination, a backup that does not match its manifest);
3: ``verify`` on PostgreSQL checked the digests but could not create a scratch database to restore into.
``prune`` exits 0, or 2 when refused or a folder could not be removed."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.administration.backup.create import backup_create
from taizhang.administration.backup.manifest import UNSIGNED
from taizhang.administration.backup.prune import KEEP_DAILY, KEEP_MONTHLY, KEEP_WEEKLY, backup_prune
from taizhang.administration.backup.verify import backup_verify
from taizhang.audit.context import audit_source
from taizhang.lib.i18n import said, said_lazy
from taizhang.lib.refusal import Refusal

EXIT_PROBLEMS, EXIT_REFUSED, EXIT_NOT_RESTORED = 1, 2, 3
USAGE = said_lazy(
    "用法",
    "usage: taizhang backup DEST [--verify] | taizhang backup verify PATH | taizhang"
    " backup prune DEST [--keep-daily N] [--keep-weekly N] [--keep-monthly N] [--dry-run]",
)


def _count(text: str) -> int:
    if not text.isdigit():
        raise CommandError(said(f"须为非负整数：{text!r}", f"must be a whole number, 0 or more: {text!r}"))
    return int(text)


class Command(BaseCommand):
    help = said_lazy(
        "备份数据库和文件",
        "back up the database and the files: backup DEST [--verify] | backup verify PATH | backup prune DEST",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", nargs="+", metavar="DEST | verify PATH | prune DEST")
        parser.add_argument(
            "--verify", action="store_true", help=said("备份后恢复演练", "restore-check it after")
        )
        for period, zh, default in (
            ("daily", "日", KEEP_DAILY),
            ("weekly", "周", KEEP_WEEKLY),
            ("monthly", "月", KEEP_MONTHLY),
        ):
            parser.add_argument(
                f"--keep-{period}",
                type=_count,
                metavar="N",
                help=said(
                    f"prune：最近 N 个{zh}各留最新一份（默认 {default}）",
                    f"prune: keep the newest of each of the last N {period} periods (default {default})",
                ),
            )
        parser.add_argument("--dry-run", action="store_true", help=said("prune：只列出", "prune: only list"))

    def handle(self, *args, target: list[str], verify: bool, dry_run: bool, **options) -> None:
        keep = {p: options[f"keep_{p}"] for p in ("daily", "weekly", "monthly")}
        pruning = target[0] == "prune" and len(target) == 2
        if not pruning and (dry_run or any(n is not None for n in keep.values())):
            raise CommandError(USAGE)
        if pruning:
            code = self._prune(
                Path(target[1]), dry_run=dry_run, **{p: n for p, n in keep.items() if n is not None}
            )
        elif target[0] == "verify" and len(target) == 2:
            code = self._verify(Path(target[1]))
        elif len(target) == 1:
            code = self._backup(Path(target[0]), verify=verify)
        else:
            raise CommandError(USAGE)
        if code:
            sys.exit(code)

    def _prune(self, dest: Path, *, dry_run: bool, **keep: int) -> int:
        try:
            with audit_source("cmd:backup"):
                pruned = backup_prune(dest, dry_run=dry_run, **keep)
        except Refusal as exc:
            raise CommandError(str(exc), returncode=EXIT_REFUSED) from None
        except OSError as exc:
            raise CommandError(
                said(f"无法删除 {dest}：{exc}", f"cannot remove in {dest}: {exc}"), returncode=EXIT_REFUSED
            ) from None
        zh, en = ("将删除", "would delete") if dry_run else ("已删除", "deleted")
        for name in pruned.deleted:
            self.stdout.write(said(f"{zh}：{name}", f"{en}: {name}"))
        for name in pruned.ignored:
            self.stderr.write(
                said(f"未动（无可读的清单）：{name}", f"left alone (no readable manifest): {name}")
            )
        kept, gone = len(pruned.kept), len(pruned.deleted)
        self.stdout.write(said(f"保留 {kept} 份，{zh} {gone} 份", f"kept {kept}, {en} {gone}"))
        return 0

    def _backup(self, dest: Path, *, verify: bool) -> int:
        try:
            with audit_source("cmd:backup"):
                created = backup_create(dest)
        except Refusal as exc:
            raise CommandError(str(exc), returncode=EXIT_REFUSED) from None
        except OSError as exc:
            raise CommandError(
                said(f"无法写入 {dest}：{exc}", f"cannot write {dest}: {exc}"), returncode=EXIT_REFUSED
            ) from None
        self.stdout.write(
            said(
                f"已备份到 {created.path}：{created.rows} 行，{created.files} 个文件",
                f"backed up to {created.path}: {created.rows} rows, {created.files} files",
            )
        )
        if created.signed_with is None:
            self.stderr.write(said(f"警告：{UNSIGNED}", f"warning: {UNSIGNED}"))
        for problem in created.problems:
            self.stderr.write(problem)
        code = EXIT_PROBLEMS if created.problems else 0
        if verify:
            code = max(code, self._verify(created.path))
        return code

    def _verify(self, path: Path) -> int:
        try:
            result = backup_verify(path)
        except Refusal as exc:
            raise CommandError(str(exc), returncode=EXIT_REFUSED) from None
        if not result.signed:
            self.stderr.write(said(f"警告：{UNSIGNED}", f"warning: {UNSIGNED}"))
        if result.report:
            (self.stdout if result.ok else self.stderr).write(result.report)
        if not result.ok:
            self.stderr.write(said(f"备份核验未通过：{path}", f"backup verification failed: {path}"))
            return EXIT_PROBLEMS
        if not result.restored:
            return EXIT_NOT_RESTORED
        self.stdout.write(said(f"备份核验通过：{path}", f"backup verified: {path}"))
        return 0
