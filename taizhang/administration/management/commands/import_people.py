"""``taizhang import_people FILE --region NAME [--dry-run] [--passwords OUT.xlsx] [--no-create-units]
[--update-existing] [--user NAME]``: import units and people from an 通讯录 (.xlsx), all rows or none
(``administration.onboarding``). Every problem is printed with its row in Chinese and English on stderr and
the command exits 2 with nothing written. The new accounts' initial passwords go to ``--passwords``
(written atomically, readable by its owner only, before the import is committed)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from taizhang.accounts.command_args import region_arg, user_arg
from taizhang.administration.onboarding import OnboardingError, onboarding_import
from taizhang.administration.onboarding.passwords import write_passwords_file
from taizhang.audit.context import audit_source
from taizhang.lib.i18n import said, said_lazy

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = said_lazy("从通讯录（.xlsx）导入单位和人员", "import units and people from a contact list (.xlsx)")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--region", required=True, help="区划名称，重名时写路径：湖北省/咸宁市/咸安区")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument("--passwords", type=Path, help="初始密码文件（.xlsx），导入时必填")
        parser.add_argument("--no-create-units", action="store_true", help="找不到的单位报错，不新建")
        parser.add_argument("--update-existing", action="store_true", help="更新已有账号（不改密码）")
        parser.add_argument("--user", help="记入审计日志的用户名（系统管理员）")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        out: Path | None = options["passwords"]
        if path.suffix.lower() != ".xlsx":
            raise CommandError(
                said(f"只能导入 .xlsx 文件：{path.name}", f"only .xlsx files can be imported: {path.name}"),
                returncode=2,
            )
        if not options["dry_run"] and out is None:
            raise CommandError(
                said("请用 --passwords 指定初始密码文件", "name the initial passwords file with --passwords"),
                returncode=2,
            )
        if out is not None and not out.parent.resolve().is_dir():
            raise CommandError(
                said(f"目录不存在：{out.parent}", f"no such directory: {out.parent}"), returncode=2
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
        with fileobj, audit_source("cmd:import_people"):
            try:
                with transaction.atomic():
                    result = onboarding_import(
                        actor=actor,
                        region=region,
                        fileobj=fileobj,
                        dry_run=options["dry_run"],
                        create_units=not options["no_create_units"],
                        update_existing=options["update_existing"],
                        file_name=path.name,
                    )
                    if not result.dry_run and out is not None:
                        write_passwords_file(out, result.passwords)  # a failure here rolls the import back
            except OnboardingError as exc:
                for problem in exc.problems:
                    self.stderr.write(problem.one_line())
                n = len(exc.problems)
                raise CommandError(
                    said(f"通讯录有 {n} 处问题，未导入", f"{n} problems, nothing imported"),
                    returncode=EXIT_BAD_INPUT,
                ) from exc
            except PermissionDenied as exc:
                raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc
        for row in result.rows:
            note = said("（新单位）", " (new unit)") if row.unit_new else ""
            where = said(f"第 {row.row} 行：{row.action_label}", f"row {row.row}: {row.action}")
            person = row.person
            self.stdout.write(f"{where} {person.username} {person.name} {person.unit_name}{note}")
        counts = (len(result.rows), result.created, result.updated, result.skipped, len(result.new_units))
        rows, new, updated, skipped, units = counts
        if result.dry_run:
            zh, en = "检查通过（未写入）", "checked, nothing written"
        else:
            zh, en = "已导入", "imported"
        self.stdout.write(
            said(
                f"{zh}：{rows} 行，新建 {new}，更新 {updated}，跳过 {skipped}，新单位 {units}",
                f"{en}: {rows} rows, new {new}, updated {updated}, skipped {skipped}, new units {units}",
            )
        )
        if not result.dry_run and out is not None:
            self.stdout.write(said(f"初始密码：{out}", f"initial passwords: {out}"))
