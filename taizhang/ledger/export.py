"""Ledger lines as the ledger .xlsx (taizhang.exports), in two layouts, each with its columns declared once:

- 分单位明细 (``COLUMNS``): one row per unit's line, the task repeated on each, so the sheet can be filtered
  by unit, light or review state;
- 任务台账 (``OFFICE_COLUMNS``): the office's own layout, one row per task — 序号, 任务分类, 工作任务,
  牵头单位, 配合单位, 完成时限, 进展情况, 备注 — built from the same lines (a sole 负责 unit leads its task).

The plan ledger's export holds both, the office layout first; 我的任务's only the unit's lines.

The lines come from the pages' selectors with ``latest_report`` and ``light`` attached
(``ledger.views.common.displayed``), so writing costs no query per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import BinaryIO

from taizhang.exports.ledger_xlsx import (
    CATEGORY,
    INDEX,
    TEXT,
    Column,
    LedgerRow,
    LedgerSheet,
    write_ledger_workbook,
)
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import Color
from taizhang.ledger.selectors import line_milestones

EXCERPT = 300  # characters of the latest report's narrative in 最新进展
UNIT_EXCERPT = 120  # … and of each unit's in 进展情况, where a task's units share one cell
DETAIL_SHEET, OFFICE_SHEET = "分单位明细", "任务台账"

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


OFFICE_COLUMNS: tuple[Column, ...] = (
    Column(INDEX, "序号", 6, wrap=False),
    Column(CATEGORY, "任务分类", 14),
    Column(TEXT, "工作任务", 44),
    Column("lead", "牵头单位", 20),
    Column("cooperating", "配合单位", 22),
    Column("deadline", "完成时限", 12),
    Column("progress", "进展情况", 36),
    Column("remarks", "备注", 18),
)


def line_deadline(line: Assignment) -> date | str:
    """The line's 完成时限: its own date, else the task's date, else the task's words (年底前); a date stays
    a date so that the sheet sorts and filters by it."""
    return line.deadline or line.task.deadline_date or line.task.deadline_text


def _milestones(line: Assignment) -> str:
    items = []
    for m in line_milestones(line):
        done = f"，已于 {m.done_date:%Y-%m-%d} 完成" if m.done_date else ""
        items.append(f"{m.title}（{m.due_date:%Y-%m-%d}{done}）")
    return "\n".join(items)


def _progress(line: Assignment, excerpt: int = EXCERPT) -> tuple[str, str]:
    report = line.latest_report
    if report is None:
        return "", "未报送"
    narrative = report.narrative.strip()
    if len(narrative) > excerpt:
        narrative = narrative[:excerpt] + "…"
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
            "deadline": line_deadline(line),
            "milestones": _milestones(line),
            "progress": progress,
            "review": review,
            "light": f"{line.light.color.label}：{line.light.reason}",
        }
        rows.append(LedgerRow(path, task.number, task.text, values))
    return rows


def task_rows(lines: Iterable[Assignment], *, section_paths: dict[int, list[str]]) -> list[LedgerRow]:
    """One row per task, in the lines' order (task by task): its lead and sole responsible units in 牵头单位,
    its cooperating units in 配合单位, each unit's latest report in 进展情况, and in 备注 the lines whose
    light is red or yellow, with why."""
    by_task: dict[int, list[Assignment]] = {}
    for line in lines:
        by_task.setdefault(line.task_id, []).append(line)
    rows = []
    for task_lines in by_task.values():
        task = task_lines[0].task
        lead = [ln.unit.name for ln in task_lines if ln.role != Assignment.Role.COOPERATING]
        cooperating = [ln.unit.name for ln in task_lines if ln.role == Assignment.Role.COOPERATING]
        progress, silent = [], []
        for ln in task_lines:
            text, _ = _progress(ln, UNIT_EXCERPT)
            if text:
                progress.append(f"{ln.unit.name}：{text}")
            else:
                silent.append(ln.unit.name)
        if silent:
            progress.append(f"未报送：{'、'.join(silent)}")
        dates = {ln.deadline for ln in task_lines if ln.deadline}
        deadline = task.deadline_date or task.deadline_text or (max(dates) if dates else "")
        remarks = [
            f"{ln.unit.name}{ln.light.color.label}：{ln.light.reason}"
            for ln in task_lines
            if ln.light.color in (Color.RED, Color.YELLOW)
        ]
        if all(ln.light.color == Color.DONE for ln in task_lines):
            remarks.append("已完成")
        values = {
            "lead": "、".join(lead),
            "cooperating": "、".join(cooperating),
            "deadline": deadline,
            "progress": "\n".join(progress),
            "remarks": "\n".join(remarks),
        }
        rows.append(LedgerRow(list(section_paths.get(task.section_id, [])), task.number, task.text, values))
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
    sheet: str = DETAIL_SHEET,
    office_layout: bool = False,
) -> None:
    """The lines as the 分单位明细 sheet named ``sheet``; with ``office_layout`` the 任务台账 sheet (one row
    per task) comes first, over the same lines."""
    lines = list(lines)
    rows = ledger_rows(lines, section_paths=section_paths, plan_heading=plan_heading)
    stamp = f"导出日期 {today:%Y-%m-%d}"
    sheets = [
        LedgerSheet(
            sheet, title, rows, COLUMNS, "　".join(s for s in (note, f"共 {len(rows)} 条", stamp) if s)
        )
    ]
    if office_layout:
        tasks = task_rows(lines, section_paths=section_paths)
        subtitle = "　".join(s for s in (note, f"共 {len(tasks)} 项任务", stamp) if s)
        sheets.insert(0, LedgerSheet(OFFICE_SHEET, title, tasks, OFFICE_COLUMNS, subtitle))
    write_ledger_workbook(out, sheets)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def export_filename(name: str, today: date) -> tuple[str, str]:
    """``台账-<name>-<yyyymmdd>.xlsx`` with characters Windows refuses in a file name replaced, and an ASCII
    stand-in (``taizhang-<yyyymmdd>.xlsx``) for clients that cannot read RFC 5987 names."""
    name = _UNSAFE.sub("_", name).strip(" ._")[:80] or "台账"
    return f"台账-{name}-{today:%Y%m%d}.xlsx", f"taizhang-{today:%Y%m%d}.xlsx"
