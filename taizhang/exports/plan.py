"""A parsed plan (docparse.Document) in the ledger layouts, for ``taizhang parse --format xlsx|csv``."""

from __future__ import annotations

from typing import BinaryIO, TextIO

from taizhang.docparse import Document, Task
from taizhang.exports.ledger_csv import write_ledger_csv
from taizhang.exports.ledger_xlsx import LedgerRow, write_ledger_xlsx


def ledger_rows(doc: Document) -> list[LedgerRow]:
    return [LedgerRow(task.section_path, task.number, task.text, _values(task)) for task in doc.tasks]


def _values(task: Task) -> dict[str, str]:
    # A sole responsible unit (负责单位) leads its task, so it shares the 牵头单位 column.
    return {
        "lead": "、".join([*task.lead, *task.responsible]),
        "cooperating": "、".join(task.cooperating),
        "deadline": task.deadline or "",
        "leaders": "、".join(task.leaders),
        "persons": "、".join(task.persons),
    }


def write_plan_xlsx(out: BinaryIO, doc: Document, *, source: str | None = None) -> None:
    # Labelled ("任务数：…"), as office sheets label the line under the title: read back, a labelled line
    # is not taken for a section heading over the table.
    subtitle = "　".join(
        s
        for s in (
            doc.doc_number and f"文号：{doc.doc_number}",
            f"任务数：{len(doc.tasks)}",
            source and f"原文件：{source}",
        )
        if s
    )
    title = doc.title or source or "台账"
    write_ledger_xlsx(out, title=title, rows=ledger_rows(doc), subtitle=subtitle, sheet="任务台账")


def write_plan_csv(out: TextIO, doc: Document) -> None:
    write_ledger_csv(out, rows=ledger_rows(doc))
