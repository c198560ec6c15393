"""The score sheet (考核得分表) as .xlsx in the ledger layout: one row per unit in rank order, a column per
leaf indicator (its final score), then 总分, 名次, 等次. A published assessment is written from its snapshot,
so the file is the same whatever changed afterwards; one still being scored (any state before published)
from the stored scores, with 评分中 in place of every rank and grade, and 不计入 where a leaf does not
apply."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import BinaryIO

from django.conf import settings
from django.utils import translation

from taizhang.assessment.models import Assessment, Grade, Score
from taizhang.assessment.ranking import assessment_leaves
from taizhang.assessment.snapshot import published_data
from taizhang.exports.ledger_xlsx import INDEX, TEXT, Column, LedgerRow, write_ledger_xlsx

SCORE = "0.00"  # scores are kept to two places


def _published(assessment: Assessment) -> tuple[list[dict], list[dict]]:
    data = published_data(assessment)
    leaves = [i for i in data["standard"]["indicators"] if i["method"] != "group"]
    units = [
        {**u, "finals": {s["indicator_id"]: _cell(s["final"], s.get("applies", True)) for s in u["scores"]}}
        for u in data["units"]
    ]
    return leaves, units


def _live(assessment: Assessment) -> tuple[list[dict], list[dict]]:
    leaves = [
        {"id": i.pk, "code": i.code, "name": i.name, "max_points": str(i.max_points)}
        for i in assessment_leaves(assessment)
    ]
    finals: dict[int, dict] = {}
    for assessed_id, indicator_id, final, applies in Score.objects.filter(
        assessed__assessment=assessment
    ).values_list("assessed_id", "indicator_id", "final", "applies"):
        finals.setdefault(assessed_id, {})[indicator_id] = _cell(final, applies)
    units = [
        {
            "unit": a.unit.name, "total": None if a.total is None else str(a.total), "rank": SCORING,
            "grade": SCORING, "finals": finals.get(a.pk, {}),
        }
        for a in assessment.units.select_related("unit").order_by("unit__order", "unit__name")
    ]  # fmt: skip
    return leaves, units


SCORING = "评分中"
NOT_APPLYING = "不计入"


def _cell(final, applies: bool) -> str | None:
    if not applies:
        return NOT_APPLYING
    return None if final is None else str(final)


def sheet(assessment: Assessment) -> tuple[list[dict], list[dict]]:
    """(leaf indicators, unit rows with ``finals`` by indicator id), best first."""
    return _published(assessment) if assessment.state == Assessment.State.PUBLISHED else _live(assessment)


def _number(text: str | None) -> Decimal | str | None:
    """A score as a number cell, so the sheet sorts and sums it (the snapshot stores "12.50"); the marks
    that are not scores (不计入, 评分中) stay words."""
    if text in (None, ""):
        return None
    return text if text in (NOT_APPLYING, SCORING) else Decimal(text)


def _rows(leaves: list[dict], units: list[dict]) -> Iterator[LedgerRow]:
    labels = dict(Grade.choices)
    for unit in units:
        values = {f"i{leaf['id']}": _number(unit["finals"].get(leaf["id"])) for leaf in leaves}
        values.update(
            total=_number(unit["total"]),
            rank=unit["rank"],
            grade=str(labels.get(unit["grade"], unit["grade"] if unit["grade"] == SCORING else "")),
        )
        yield LedgerRow([], "", unit["unit"], values)


def write_scores_xlsx(out: BinaryIO, *, assessment: Assessment, today: date) -> None:
    leaves, units = sheet(assessment)
    columns = (
        Column(INDEX, "序号", 6, wrap=False),
        Column(TEXT, "单位", 24),
        *(
            Column(
                f"i{leaf['id']}",
                f"{leaf['code']} {leaf['name']}（{leaf['max_points']}分）",
                14,
                number_format=SCORE,
            )
            for leaf in leaves
        ),
        Column("total", "总分", 10, number_format=SCORE),
        Column("rank", "名次", 8),
        Column("grade", "等次", 8),
    )
    with translation.override(settings.LANGUAGE_CODE):
        rows = list(_rows(leaves, units))
        state = assessment.get_state_display()
    subtitle = f"{assessment.year}年度　{state}　共 {len(rows)} 个单位　导出日期 {today:%Y-%m-%d}"
    title = f"{assessment.title}得分表"
    write_ledger_xlsx(out, title=title, rows=rows, columns=columns, subtitle=subtitle, sheet="得分表")


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def export_filename(assessment: Assessment, kind: str, suffix: str) -> tuple[str, str]:
    """``<title>-<kind>.<suffix>`` and an ASCII stand-in."""
    name = _UNSAFE.sub("_", assessment.title).strip(" ._")[:80] or "考核"
    return (
        f"{assessment.year}{name}-{kind}.{suffix}",
        f"assessment-{assessment.pk}-{assessment.year}.{suffix}",
    )
