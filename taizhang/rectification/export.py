"""The rectification ledger (整改台账) as .xlsx in the ledger layout of ``taizhang.exports.ledger_xlsx``: one
row per item. The columns are declared here, once.

The items come from ``selectors.rectification_list`` (source, unit, closer joined; refusals prefetched), so
writing costs no query per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import BinaryIO

from django.conf import settings
from django.utils import timezone, translation

from taizhang.exports.ledger_xlsx import INDEX, TEXT, Column, LedgerRow, write_ledger_xlsx
from taizhang.rectification.models import RectificationItem
from taizhang.rectification.rules import is_overdue

COLUMNS: tuple[Column, ...] = (
    Column(INDEX, "序号", 6, wrap=False),
    Column("source", "问题来源", 28),
    Column("unit", "责任单位", 20),
    Column(TEXT, "问题描述", 40),
    Column("measures", "整改措施", 36),
    Column("deadline", "整改时限", 12),
    Column("state", "状态", 10),
    Column("overdue", "是否逾期", 9),
    Column("closed_at", "销号时间", 17),
    Column("verification", "验证意见", 30),
)


def source_text(item: RectificationItem) -> str:
    """问题来源: the inspection and its finding, else the task or regulation the office named."""
    finding = item.finding
    if finding is not None:
        inspection = finding.inspection
        return f"{inspection.title}（{inspection.get_kind_display()}，{finding.found_on:%Y-%m-%d}发现）"
    if item.task is not None:
        return f"任务 {item.task.number}：{item.task.text[:60]}"
    if item.regulation is not None:
        return f"制度：{item.regulation}"
    return "惩防办交办"


def description_text(item: RectificationItem) -> str:
    finding = item.finding
    if finding is None or finding.description.strip() == item.title:
        return item.title
    return f"{item.title}\n{finding.description}"


def verification_text(item: RectificationItem) -> str:
    """The office's word: its verification once closed, else the reason of the latest refusal."""
    if item.verification_note:
        return item.verification_note
    refusals = getattr(item, "refusals", [])
    return f"未予销号：{refusals[-1].reason}" if refusals else ""


def item_rows(items: Iterable[RectificationItem], *, today: date) -> list[LedgerRow]:
    rows = []
    for item in items:
        closed_at = timezone.localtime(item.closed_at) if item.closed_at else None
        values = {
            "source": source_text(item),
            "unit": item.unit.name,
            "measures": item.measures,
            "deadline": item.deadline,
            "state": item.get_state_display(),
            "overdue": "是" if is_overdue(item, today=today) else "否",
            # a datetime cell holds no time zone: the local time, as the page shows it
            "closed_at": closed_at.replace(tzinfo=None) if closed_at else None,
            "verification": verification_text(item),
        }
        rows.append(LedgerRow([], "", description_text(item), values))
    return rows


def write_items_xlsx(out: BinaryIO, *, title: str, items: Iterable[RectificationItem], today: date) -> None:
    """The sheet is the office's official layout: Chinese in either page language."""
    with translation.override(settings.LANGUAGE_CODE):
        rows = item_rows(items, today=today)
    subtitle = f"共 {len(rows)} 项　导出日期 {today:%Y-%m-%d}"
    write_ledger_xlsx(out, title=title, rows=rows, columns=COLUMNS, subtitle=subtitle, sheet="整改台账")


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def export_filename(name: str, today: date) -> tuple[str, str]:
    """``整改台账-<name>-<yyyymmdd>.xlsx``, and an ASCII stand-in for clients that cannot read RFC 5987."""
    name = _UNSAFE.sub("_", name).strip(" ._")[:80] or "全部"
    return f"整改台账-{name}-{today:%Y%m%d}.xlsx", f"rectification-{today:%Y%m%d}.xlsx"
