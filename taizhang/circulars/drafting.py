"""A first draft of a circular from an inspection: its title, a 文号 to start from and the text, which the
office then edits. Plain reads; ``services.circular_draft_from_inspection`` saves the result."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from django.utils import translation

from taizhang.circulars.models import Circular
from taizhang.circulars.rendering import cn_date
from taizhang.inspections.models import Finding, Inspection
from taizhang.units.models import Region, Unit

_NUMERALS = "一二三四五六七八九十"
# Days the units have to report their rectification, as the draft text says (the office edits it).
REPORT_WITHIN_DAYS = 30


@dataclass(frozen=True)
class Draft:
    title: str
    doc_number: str
    body: str
    units: list[Unit]


def doc_number_prefix(region: Region) -> str:
    """发文机关代字: as the region's office configured it beside its issuer names, else the region's first
    character and 惩防办, as in 示惩防办."""
    return region.doc_code.strip() or f"{region.name[:1]}惩防办"


_ACCOUNT_NOTE = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def person_in_text(name: str) -> str:
    """A person as a document names them: an account's display name carries a note for the people list
    (李书记（区委领导）); the document says 李书记."""
    return _ACCOUNT_NOTE.sub("", name).strip() or name.strip()


def suggest_doc_number(region: Region, year: int) -> str:
    """The next free 文号 of the region's office for ``year``: 示惩防办〔2024〕3号 after 〔2024〕2号.
    A suggestion for the office to keep or change; uniqueness is checked again when it is saved."""
    prefix = doc_number_prefix(region)
    head = f"{prefix}〔{year}〕"
    pattern = re.compile(rf"^{re.escape(head)}(\d+)号$")
    taken = Circular.objects.filter(doc_number__startswith=head).values_list("doc_number", flat=True)
    numbers = {int(m.group(1)) for number in taken if (m := pattern.match(number))}
    n = max(numbers, default=0) + 1
    return f"{head}{n}号"


def _numeral(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return f"{_NUMERALS[tens - 1] if tens > 1 else ''}十{_NUMERALS[ones - 1] if ones else ''}"


def draft_from_inspection(inspection: Inspection, *, year: int) -> Draft:
    """Title, 文号 and text summarising the inspection's findings unit by unit; the units named are those
    with findings (the inspected units when nothing was found)."""
    findings = list(
        Finding.objects.filter(inspection=inspection)
        .select_related("unit")
        .order_by("unit__order", "unit__name", "id")
    )
    units: list[Unit] = []
    for finding in findings:
        if finding.unit not in units:
            units.append(finding.unit)
    inspected = list(inspection.units.order_by("order", "name"))
    if not units:
        units = inspected
    with translation.override("zh-hans"):
        kind = str(inspection.get_kind_display())
        severity = Counter(str(f.get_severity_display()) for f in findings)
        lines = _body(inspection, kind, findings, units, inspected, severity)
    return Draft(
        title=f"关于{inspection.title}情况的通报",
        doc_number=suggest_doc_number(inspection.region, year),
        body="\n".join(lines),
        units=units,
    )


def _body(inspection, kind, findings, units, inspected, severity) -> list[str]:
    when = cn_date(inspection.start_date)
    if inspection.end_date and inspection.end_date != inspection.start_date:
        when = f"{when}至{cn_date(inspection.end_date)}"
    leader = f"由{person_in_text(inspection.lead_leader_name)}带队，" if inspection.lead_leader_name else ""
    lines = [
        "各有关单位：",
        f"{when}，{leader}对{len(inspected) or len(units)}个单位开展了{kind}（{inspection.title}）。"
        "现将有关情况通报如下。",
        "一、基本情况",
    ]
    if not findings:
        lines.append("本次检查未发现问题。")
    else:
        counts = "、".join(f"{label}{n}个" for label, n in severity.items())
        lines.append(f"本次检查共发现问题{len(findings)}个，涉及{len(units)}个单位，其中{counts}。")
        lines.append("二、发现的主要问题")
        for index, unit in enumerate(units, start=1):
            lines.append(f"（{_numeral(index)}）{unit.name}")
            own = [f for f in findings if f.unit_id == unit.pk]
            for n, finding in enumerate(own, start=1):
                lines.append(f"{n}. {finding.description.strip()}（{finding.get_severity_display()}）")
        lines.append("具体问题见问题清单。")
    lines.append(f"{'三' if findings else '二'}、整改要求")
    lines.append(
        "各有关单位要对照通报的问题，认真剖析原因，逐项制定整改措施，明确整改责任人和整改时限，"
        f"于通报印发之日起{REPORT_WITHIN_DAYS}日内将整改情况书面报惩防办。"
    )
    return lines
