"""An upper plan's coverage (覆盖) as .xlsx in the ledger layout (``exports.ledger_xlsx``) — one row per task:
the regions carrying it out with their lines' completion, and the 缺项 regions — and as the plain rows the
``coverage`` command prints. Sheets are the office's official layout: Chinese in either page language."""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from taizhang.exports.ledger_xlsx import CATEGORY, INDEX, NUMBER, TEXT, Column, LedgerRow, write_ledger_xlsx
from taizhang.plans.coverage import Coverage, Covering, TaskCoverage

COLUMNS: tuple[Column, ...] = (
    Column(INDEX, "序号", 6, wrap=False),
    Column(CATEGORY, "任务分类", 16),
    Column(NUMBER, "原文编号", 8, wrap=False),
    Column(TEXT, "工作任务", 50),
    Column("covered", "已落实地区（完成率）", 36),
    Column("missing", "缺项地区", 28),
)


def covering_text(covering: Covering) -> str:
    rate = covering.tally.rate
    return f"{covering.region.name}（{'—' if rate is None else f'{rate}%'}）"


def task_values(row: TaskCoverage) -> dict[str, str]:
    return {
        "covered": "、".join(covering_text(c) for c in row.covered),
        "missing": "、".join(r.name for r in row.missing),
    }


def write_coverage_xlsx(out: BinaryIO, *, cov: Coverage, today: date) -> None:
    rows = [LedgerRow([row.section], row.task.number, row.task.text, task_values(row)) for row in cov.tasks]
    gaps = len(cov.gaps)
    subtitle = f"下级地区 {len(cov.children)} 个　缺项 {gaps} 处　导出日期 {today:%Y-%m-%d}"
    write_ledger_xlsx(out, title=f"{cov.plan.title}落实情况", rows=rows, columns=COLUMNS, subtitle=subtitle)


def coverage_dicts(cov: Coverage) -> list[dict]:
    """Per task: ``number``, ``covered`` and ``missing`` (region names), for the command's json."""
    return [
        {
            "number": row.task.number,
            "covered": [c.region.name for c in row.covered],
            "missing": [r.name for r in row.missing],
        }
        for row in cov.tasks
    ]
