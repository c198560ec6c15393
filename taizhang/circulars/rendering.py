"""From a circular to its Word document: which template, which findings, the date as printed.

``circular_render_docx`` reads; publishing stores what it makes (``services.circular_publish``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone, translation

from taizhang.circulars.models import Circular, CircularTemplate
from taizhang.circulars.titlelines import title_lines
from taizhang.circulars.wordtemplate import CircularText, FindingRow, fill
from taizhang.inspections.models import Finding
from taizhang.units.models import Region, Unit

BUILT_IN_TEMPLATE = Path(__file__).resolve().parent / "templates_docx" / "circular.docx"

# 整改要求 of a finding that has no rectification item yet.
DEFAULT_REQUIREMENT = "立行立改，按期报送整改情况"


def cn_date(day: date) -> str:
    """成文日期 in Arabic numerals without leading zeros (GB/T 9704-2012 7.3.5.1): 2024年3月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def issuer_full(region: Region) -> str:
    """发文机关全称 as the region's office configured it, else 〈区划〉惩防办."""
    return region.issuer_name.strip() or f"{region.name}惩防办"


def issuer_mark(region: Region) -> str:
    """The name in the 发文机关标志 and the signature: the full name, or the 规范化简称 when the office chose
    it (GB/T 9704-2012 7.2.1). Never a person's account: the document speaks for the office."""
    short = region.issuer_short_name.strip()
    return short if region.issuer_mark_short and short else issuer_full(region)


def issuer_of(circular: Circular) -> str:
    return issuer_mark(circular.region)


def template_bytes(*, region_id: int, kind: str) -> tuple[bytes, CircularTemplate | None]:
    """The region's template for ``kind`` when the office uploaded one, else the built-in one."""
    row = CircularTemplate.objects.filter(region_id=region_id, kind=kind).first()
    if row is not None:
        try:
            with default_storage.open(row.file.name, "rb") as f:
                return f.read(), row
        except FileNotFoundError:
            pass  # the stored file went missing: better the built-in layout than no document
    return BUILT_IN_TEMPLATE.read_bytes(), None


def finding_rows(circular: Circular) -> tuple[FindingRow, ...]:
    """The findings table: the findings of the circular's inspection at the units it names (all of them
    when it names none yet), in the order of the official unit list."""
    if circular.inspection_id is None:
        return ()
    findings = (
        Finding.objects.filter(inspection_id=circular.inspection_id)
        .select_related("unit")
        .prefetch_related("rectifications")
        .order_by("unit__order", "unit__name", "id")
    )
    if circular.pk and (unit_ids := list(circular.units.values_list("id", flat=True))):
        findings = findings.filter(unit_id__in=unit_ids)
    with translation.override("zh-hans"):  # the document is Chinese whatever the page language
        return tuple(
            FindingRow(
                unit=finding.unit.name,
                problem=finding.description,
                severity=str(finding.get_severity_display()),
                requirement=_requirement(finding),
            )
            for finding in findings
        )


def _requirement(finding: Finding) -> str:
    items = sorted(finding.rectifications.all(), key=lambda item: item.pk)
    if not items:
        return DEFAULT_REQUIREMENT
    item = items[0]
    return f"{item.measures.strip() or item.title}（{cn_date(item.deadline)}前完成）"


def circular_text(circular: Circular, *, on: date | None = None) -> CircularText:
    """What the template is filled with. ``on`` is the 成文日期: the publication day once published,
    otherwise today (a draft's preview)."""
    if on is None:
        on = timezone.localdate(circular.published_at) if circular.published_at else timezone.localdate()
    title = " ".join(circular.title.split())
    names = Unit.objects.filter(region_id=circular.region_id).values_list("name", flat=True)
    return CircularText(
        issuer=issuer_of(circular),
        doc_number=circular.doc_number,
        title=title,
        body=circular.body,
        date=cn_date(on),
        findings=finding_rows(circular),
        copy_to=circular.copy_to,
        printer=circular.region.printer_name.strip() or issuer_full(circular.region),
        title_lines=title_lines(title, names=list(names)),
    )


def circular_render_docx(circular: Circular, *, on: date | None = None) -> bytes:
    """The circular as a Word document, from its region's template for its kind (or the built-in one)."""
    template, _row = template_bytes(region_id=circular.region_id, kind=circular.kind)
    return fill(template, circular_text(circular, on=on))
