"""``taizhang backup DEST [--verify]`` and ``taizhang backup verify PATH`` (备份, ``administration.backup``).

Exit 0: done (and verified); 1: written but something is wrong (a file missing or damaged in the live store,
or the verification failed); 2: refused (bad destination, a backup that does not match its manifest);
3: ``verify`` on PostgreSQL checked the digests but could not create a scratch database to restore into."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.administration.backup.create import backup_create
from taizhang.administration.backup.manifest import UNSIGNED
from taizhang.administration.backup.verify import backup_verify
from taizhang.audit.context import audit_source
from taizhang.lib.refusal import Refusal

EXIT_PROBLEMS, EXIT_REFUSED, EXIT_NOT_RESTORED = 1, 2, 3


class Command(BaseCommand):
    help = (
        "备份数据库和文件 / back up the database and the files: backup DEST [--verify] | backup verify PATH"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", nargs="+", metavar="DEST | verify PATH")
        parser.add_argument("--verify", action="store_true", help="备份后恢复演练 / restore-check it after")

    def handle(self, *args, target: list[str], verify: bool, **options) -> None:
        if target[0] == "verify" and len(target) == 2:
            code = self._verify(Path(target[1]))
        elif len(target) == 1:
            code = self._backup(Path(target[0]), verify=verify)
        else:
            raise CommandError("用法 / usage: taizhang backup DEST [--verify] | taizhang backup verify PATH")
        if code:
            sys.exit(code)

    def _backup(self, dest: Path, *, verify: bool) -> int:
        try:
            with audit_source("cmd:backup"):
                created = backup_create(dest)
        except Refusal as exc:
            raise CommandError(str(exc), returncode=EXIT_REFUSED) from None
        except OSError as exc:
            raise CommandError(f"无法写入 / cannot write {dest}: {exc}", returncode=EXIT_REFUSED) from None
        self.stdout.write(
            f"已备份到 {created.path}：{created.rows} 行，{created.files} 个文件 / "
            f"backed up to {created.path}: {created.rows} rows, {created.files} files"
        )
        if created.signed_with is None:
            self.stderr.write(f"警告 / warning: {UNSIGNED}")
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
            self.stderr.write(f"警告 / warning: {UNSIGNED}")
        if result.report:
            (self.stdout if result.ok else self.stderr).write(result.report)
        if not result.ok:
            self.stderr.write(f"备份核验未通过 / backup verification failed: {path}")
            return EXIT_PROBLEMS
        if not result.restored:
            return EXIT_NOT_RESTORED
        self.stdout.write(f"备份核验通过 / backup verified: {path}")
        return 0
