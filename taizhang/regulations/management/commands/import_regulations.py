"""``taizhang import_regulations FILE --region NAME [--dry-run] [--user NAME]``: import a regulation
catalogue (.xlsx) into a region's register, all rows or none (``regulations.catalogue``). A refused file
prints every problem on stderr, one line each, and exits 2."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.accounts.command_args import region_arg, user_arg
from taizhang.audit.context import audit_source
from taizhang.regulations.catalogue import CatalogueError, catalogue_import

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = "导入制度目录（.xlsx）/ import a regulation catalogue (.xlsx)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--region", required=True, help="区划名称，重名时写路径：湖北省/咸宁市/咸安区")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument("--user", help="记入审计日志的用户名")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if path.suffix.lower() != ".xlsx":
            raise CommandError(
                f"只能导入 .xlsx 文件 / only .xlsx files can be imported: {path.name}",
                returncode=EXIT_BAD_INPUT,
            )
        region = region_arg(options["region"])
        actor = user_arg(options["user"])
        try:
            fileobj = path.open("rb")
        except OSError as exc:
            raise CommandError(f"无法读取 / cannot read {path}: {exc.strerror or exc}", returncode=2) from exc
        with fileobj, audit_source("cmd:import_regulations"):
            try:
                result = catalogue_import(
                    actor=actor,
                    region=region,
                    fileobj=fileobj,
                    dry_run=options["dry_run"],
                    file_name=path.name,
                )
            except CatalogueError as exc:
                if len(exc.problems) == 1:
                    raise CommandError(exc.one_line(), returncode=EXIT_BAD_INPUT) from exc
                for problem in exc.problems:
                    self.stderr.write(problem.one_line())
                n = len(exc.problems)
                raise CommandError(
                    f"目录有 {n} 处问题，未导入 / {n} problems, nothing imported", returncode=EXIT_BAD_INPUT
                ) from exc
            except PermissionDenied as exc:
                raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        verb = "检查通过（未写入）/ checked, nothing written" if result.dry_run else "已导入 / imported"
        self.stdout.write(
            f"{verb}: {len(result.rows)} 行 / rows, 新增 / new {result.created}, "
            f"更新 / updated {result.updated}"
            + ("" if result.dry_run else f", 未变 / unchanged {result.unchanged}")
        )
