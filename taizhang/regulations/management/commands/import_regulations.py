"""``taizhang import_regulations FILE --region NAME [--dry-run] [--user NAME]``: import a regulation
catalogue (.xlsx) into a region's register, all rows or none (``regulations.catalogue``). A refused file
prints every problem on stderr, one line each, and exits 2."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.accounts.command_args import region_arg, user_arg
from taizhang.audit.context import audit_source
from taizhang.lib.i18n import said, said_lazy
from taizhang.regulations.catalogue import CatalogueError, catalogue_import

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = said_lazy("导入制度目录（.xlsx）", "import a regulation catalogue (.xlsx)")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--region", required=True, help="区划名称，重名时写路径：湖北省/咸宁市/咸安区")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument("--user", help="记入审计日志的用户名")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if path.suffix.lower() != ".xlsx":
            raise CommandError(
                said(f"只能导入 .xlsx 文件：{path.name}", f"only .xlsx files can be imported: {path.name}"),
                returncode=EXIT_BAD_INPUT,
            )
        region = region_arg(options["region"])
        actor = user_arg(options["user"])
        try:
            fileobj = path.open("rb")
        except OSError as exc:
            raise CommandError(
                said(f"无法读取 {path}：{exc.strerror or exc}", f"cannot read {path}: {exc.strerror or exc}"),
                returncode=2,
            ) from exc
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
                    said(f"目录有 {n} 处问题，未导入", f"{n} problems, nothing imported"),
                    returncode=EXIT_BAD_INPUT,
                ) from exc
            except PermissionDenied as exc:
                raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        rows, new, updated, same = len(result.rows), result.created, result.updated, result.unchanged
        if result.dry_run:
            line = said(
                f"检查通过（未写入）：{rows} 行，新增 {new}，更新 {updated}",
                f"checked, nothing written: {rows} rows, new {new}, updated {updated}",
            )
        else:
            line = said(
                f"已导入：{rows} 行，新增 {new}，更新 {updated}，未变 {same}",
                f"imported: {rows} rows, new {new}, updated {updated}, unchanged {same}",
            )
        self.stdout.write(line)
