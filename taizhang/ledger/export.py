"""Ledger lines as the ledger .xlsx (taizhang.exports): one row per unit's line, the task repeated on each, so
the sheet can be filtered by unit, light or review state. The columns are declared here, once.

The lines come from the pages' selectors with ``latest_report`` and ``light`` attached
(``ledger.views.common.displayed``), so writing costs no query per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import BinaryIO

from taizhang.exports.ledger_xlsx import CATEGORY, INDEX, TEXT, Column, LedgerRow, write_ledger_xlsx
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import line_milestones

EXCERPT = 300  # characters of the latest report's narrative in 最新进展

COLUMNS: tuple[Column, ...] = (
    Column(INDEX, "序号", 6, wrap=False),
    Column(CATEGORY, "任务分类", 14),
    Column(TEXT, "工作任务", 44),
    Column("role", "职责", 7),
    Column("unit", "单位", 20),
    Column("leader", "责任领导", 11),
    Column("persons", "责任人", 12),
    Column("duties", "履责要求", 26, optional=True),
    Column("standard", "工作标准", 26, optional=True),
    Column("deadline", "完成时限", 12),
    Column("milestones", "进度目标", 28),
    Column("progress", "最新进展", 40),
    Column("review", "审核状态", 11),
    Column("light", "红黄绿灯", 18),
)


def line_deadline_text(line: Assignment) -> str:
    if line.deadline:
        return f"{line.deadline:%Y-%m-%d}"
    task = line.task
    return f"{task.deadline_date:%Y-%m-%d}" if task.deadline_date else task.deadline_text


def _milestones(line: Assignment) -> str:
    items = []
    for m in line_milestones(line):
        done = f"，已于 {m.done_date:%Y-%m-%d} 完成" if m.done_date else ""
        items.append(f"{m.title}（{m.due_date:%Y-%m-%d}{done}）")
    return "\n".join(items)


def _progress(line: Assignment) -> tuple[str, str]:
    report = line.latest_report
    if report is None:
        return "", "未报送"
    narrative = report.narrative.strip()
    if len(narrative) > EXCERPT:
        narrative = narrative[:EXCERPT] + "…"
    progress = f"{report.get_status_display()}（{report.period_label}）"
    if narrative:
        progress += f"：{narrative}"
    review = report.get_review_state_display() + ("（逾期报送）" if report.late else "")
    return progress, review


def ledger_rows(
    lines: Iterable[Assignment], *, section_paths: dict[int, list[str]], plan_heading: bool = False
) -> list[LedgerRow]:
    """One row per line. ``plan_heading`` puts the plan's title above its headings (a list spanning plans)."""
    rows = []
    for line in lines:
        task = line.task
        path = list(section_paths.get(task.section_id, []))
        if plan_heading:
            path.insert(0, task.plan.title)
        progress, review = _progress(line)
        values = {
            "role": line.get_role_display(),
            "unit": line.unit.name,
            "leader": line.responsible_leader,
            "persons": "、".join(line.responsible_persons),
            "duties": line.duty_requirements,
            "standard": line.work_standard,
            "deadline": line_deadline_text(line),
            "milestones": _milestones(line),
            "progress": progress,
            "review": review,
            "light": f"{line.light.color.label}：{line.light.reason}",
        }
        rows.append(LedgerRow(path, task.number, task.text, values))
    return rows


def write_lines_xlsx(
    out: BinaryIO,
    *,
    title: str,
    lines: Iterable[Assignment],
    section_paths: dict[int, list[str]],
    today: date,
    plan_heading: bool = False,
    note: str = "",
) -> None:
    rows = ledger_rows(lines, section_paths=section_paths, plan_heading=plan_heading)
    subtitle = "　".join(s for s in (note, f"共 {len(rows)} 条", f"导出日期 {today:%Y-%m-%d}") if s)
    write_ledger_xlsx(out, title=title, rows=rows, columns=COLUMNS, subtitle=subtitle)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def export_filename(name: str, today: date) -> tuple[str, str]:
    """``台账-<name>-<yyyymmdd>.xlsx`` with characters Windows refuses in a file name replaced, and an ASCII
    stand-in (``taizhang-<yyyymmdd>.xlsx``) for clients that cannot read RFC 5987 names."""
    name = _UNSAFE.sub("_", name).strip(" ._")[:80] or "台账"
    return f"台账-{name}-{today:%Y%m%d}.xlsx", f"taizhang-{today:%Y%m%d}.xlsx"
