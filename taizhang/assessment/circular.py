"""The ranking circular (考核通报) of a published assessment: its text (units by grade, then the ranking),
a draft Circular of kind 考核通报 for the office to edit and publish in the circulars pages, and a direct
.docx of the ranking through the circulars' renderer and the region's template."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone, translation

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import User
from taizhang.assessment.checks import OFFICE_WORK
from taizhang.assessment.codes import AssessmentCode
from taizhang.assessment.models import Assessment, Grade
from taizhang.assessment.snapshot import published_data
from taizhang.audit.services import audit_record
from taizhang.circulars.drafting import suggest_doc_number
from taizhang.circulars.models import Circular, CircularKind
from taizhang.circulars.rendering import circular_render_docx, cn_date
from taizhang.circulars.services import circular_draft
from taizhang.lib.refusal import Refusal
from taizhang.units.models import Unit


def circular_title(assessment: Assessment) -> str:
    """关于2024年度党风廉政建设责任制考核结果的通报 — the year once, whether or not the assessment's own title
    already carries it (2024年度…, 年度考核), and 结果 once."""
    name = " ".join(assessment.title.split())
    name = re.sub(rf"^(?:{assessment.year}\s*年)?(?:度)?", "", name).removeprefix("年度").strip()
    name = name.removesuffix("结果")
    return f"关于{assessment.year}年度{name or '考核'}结果的通报"


def ranking_doc_number(assessment: Assessment) -> str:
    """The ranking circular's 文号: the one the office gave its drafted circular, else the region's next."""
    drafted = (
        Circular.objects.filter(
            region=assessment.region, kind=CircularKind.ASSESSMENT, title=circular_title(assessment)
        )
        .exclude(doc_number="")
        .order_by("-state", "-id")  # a published one first
        .values_list("doc_number", flat=True)
        .first()
    )
    year = timezone.localdate(assessment.published_at).year
    return drafted or suggest_doc_number(assessment.region, year)


def ranking_body(assessment: Assessment) -> str:
    """主送, the grades with their units, and the ranking: the snapshot's figures, in Chinese."""
    data = published_data(assessment)
    units = data["units"]
    lines = [
        "各有关单位：",
        f"根据《{data['standard']['name']}》（第{data['standard']['version']}版），经单位自评、考核组评分和审核，"
        f"现将{assessment.year}年度{assessment.title}结果通报如下。",
    ]
    with translation.override("zh-hans"):
        labels = {value: str(label) for value, label in Grade.choices}
    for n, grade in enumerate(Grade.values, 1):  # 四个等次
        names = [u["unit"] for u in units if u["grade"] == grade]
        lines.append(f"{'一二三四'[n - 1]}、{labels[grade]}（{len(names)}个）：{'、'.join(names) or '无'}。")
    lines.append("附：考核排名")
    for u in units:
        change = f"，较上年{_change(u['rank_change'])}" if u.get("rank_change") is not None else ""
        lines.append(f"第{u['rank']}名　{u['unit']}　{u['total']}分　{labels.get(u['grade'], '')}{change}")
    lines.append("希望各单位对照考核结果查找差距，认真整改，推动党风廉政建设责任制落到实处。")
    return "\n".join(lines)


def _change(rank_change: int) -> str:
    if rank_change > 0:
        return f"上升{rank_change}位"
    return f"下降{-rank_change}位" if rank_change < 0 else "名次不变"


def _require_published(assessment: Assessment) -> None:
    if assessment.state != Assessment.State.PUBLISHED:
        raise Refusal(
            AssessmentCode.NOT_PUBLISHED,
            "考核结果发布后才能通报。",
            "Only a published assessment can be circulated.",
        )


def ranking_docx(assessment: Assessment) -> bytes:
    """The ranking as a Word circular (not stored), dated the day of publication, with the 文号 of
    ``ranking_doc_number``."""
    _require_published(assessment)
    circular = Circular(
        kind=CircularKind.ASSESSMENT,
        doc_number=ranking_doc_number(assessment),
        title=circular_title(assessment),
        region=assessment.region,
        body=ranking_body(assessment),
        created_by=assessment.created_by,
        published_at=assessment.published_at,
    )
    return circular_render_docx(circular, on=timezone.localdate(assessment.published_at))


def assessment_circular_draft(*, actor: User, assessment: Assessment) -> Circular:
    """起草考核通报: a draft circular naming every assessed unit, with the ranking text and the next 文号."""
    require_office_admin_of(actor, assessment.region_id, **OFFICE_WORK)
    _require_published(assessment)
    units = Unit.objects.filter(assessments__assessment=assessment).order_by("order", "name")
    with transaction.atomic():
        circular = circular_draft(
            actor=actor,
            kind=CircularKind.ASSESSMENT,
            title=circular_title(assessment),
            body=ranking_body(assessment),
            units=units,
            region=assessment.region,
            doc_number=suggest_doc_number(assessment.region, timezone.localdate().year),
        )
        audit_record(
            actor=actor, action="assessment.circular_draft", obj=assessment, after={"circular": circular.pk}
        )
    return circular


__all__ = ["assessment_circular_draft", "cn_date", "ranking_body", "ranking_docx"]
