"""``taizhang coverage PLAN_ID [--format table|json|xlsx] [--output FILE]``: for each task of an upper plan,
the lower regions whose plans carry it out (``covered``) and the child regions of the plan's region with none
(``missing``) — ``plans.coverage`` as system work, every region and line."""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from taizhang.lib.columns import display_width, pad
from taizhang.lib.i18n import said, said_lazy
from taizhang.plans.coverage import coverage_all
from taizhang.plans.coverage_export import coverage_dicts, write_coverage_xlsx
from taizhang.plans.models import Plan


class Command(BaseCommand):
    help = said_lazy(
        "上级方案各项任务在下级地区的落实情况（已落实、缺项）",
        "which lower regions carry out each task of an upper plan (covered, missing)",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan_id", help=said_lazy("方案 id", "the plan's id"))
        parser.add_argument("--format", choices=("table", "json", "xlsx"), default="table")
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help=said_lazy("输出文件（xlsx 必填）", "output file (required for xlsx)"),
        )

    def handle(self, *args, **options) -> None:
        raw = options["plan_id"]
        plan = Plan.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if plan is None:
            raise CommandError(said(f"没有 id 为 {raw} 的方案", f"no plan has the id {raw}"))
        output, fmt = options["output"], options["format"]
        if fmt == "xlsx" and output is None:
            raise CommandError(said("xlsx 需要 --output 输出文件", "xlsx needs --output FILE"))
        today = timezone.localdate()
        cov = coverage_all(plan=plan, today=today)
        if fmt == "xlsx":
            self._write(output, lambda f: write_coverage_xlsx(f, cov=cov, today=today))
            return
        if fmt == "json":
            text = json.dumps(coverage_dicts(cov), ensure_ascii=False, indent=1) + "\n"
        else:
            text = self._table(coverage_dicts(cov))
        if output is None:
            self.stdout.write(text, ending="")
        else:
            self._write(output, lambda f: f.write(text.encode("utf-8")))

    @staticmethod
    def _table(rows: list[dict]) -> str:
        heads = (said("序号", "No."), said("已落实", "covered"), said("缺项", "missing"))
        cells = [
            (r["number"] or "—", "、".join(r["covered"]) or "—", "、".join(r["missing"]) or "—") for r in rows
        ]
        widths = [max(display_width(c[i]) for c in [heads, *cells]) for i in range(2)]
        lines = [f"{pad(c[0], widths[0])}  {pad(c[1], widths[1])}  {c[2]}".rstrip() for c in [heads, *cells]]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _write(path: Path, write) -> None:
        """A temporary file renamed into place: a failure leaves no half-written file."""
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            with open(tmp, "wb") as f:
                write(f)
            os.replace(tmp, path)
        except OSError as exc:
            raise CommandError(said(f"无法写入：{exc}", f"cannot write: {exc}")) from exc
        finally:
            tmp.unlink(missing_ok=True)
