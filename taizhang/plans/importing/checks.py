"""What ``import_confirm`` refuses, checked before anything is written. Each refusal is a ``Refusal``
with a stable code and a message in Chinese and English."""

from __future__ import annotations

from dataclasses import replace

from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.plans.importing.preview import PreviewTask
from taizhang.plans.models import Plan
from taizhang.units.models import Region, Unit

YEARS = range(1949, 2101)
_NAME_MAX = Unit._meta.get_field("name").max_length
_NUMBER_MAX = 20


def check_fields(
    *, title: str, level: str, region: Region, period_start: int, period_end: int, report_cadence: str
) -> None:
    if not title or len(title) > 200:
        raise Refusal(
            PlanCode.BAD_TITLE,
            "请填写方案标题（不超过 200 字）。",
            "Give the plan a title (at most 200 characters).",
        )
    if level not in Plan.Level.values or level == Plan.Level.NATIONAL or level != region.level:
        raise Refusal(
            PlanCode.BAD_LEVEL,
            f"方案层级应与区划“{region}”的级别（{region.get_level_display()}）一致。",
            f"The plan's level must be the level of its region {region.name} ({region.level}).",
        )
    if not (isinstance(period_start, int) and isinstance(period_end, int)) or not (
        period_start in YEARS and period_end in YEARS
    ):
        raise Refusal(PlanCode.BAD_PERIOD, "起止年份无效。", "The period's years are not valid.")
    if period_end < period_start:
        raise Refusal(
            PlanCode.PERIOD_ORDER,
            f"截止年份 {period_end} 早于起始年份 {period_start}。",
            f"The period ends ({period_end}) before it starts ({period_start}).",
        )
    if report_cadence not in Plan.Cadence.values:
        raise Refusal(PlanCode.BAD_CADENCE, "报送周期无效。", "The reporting cadence is not valid.")


def clean_tasks(tasks: list[PreviewTask]) -> list[PreviewTask]:
    """Copies of ``tasks`` with unit names stripped, blank ones dropped, each name once per list."""
    lists = ("lead", "cooperating", "responsible")
    return [replace(task, **{attr: _names(getattr(task, attr)) for attr in lists}) for task in tasks]


def _names(names: list[str]) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


def check_tasks(tasks: list[PreviewTask]) -> None:
    if not tasks:
        raise Refusal(PlanCode.NO_TASKS, "没有可导入的任务。", "There are no tasks to import.")
    for index, task in enumerate(tasks, start=1):
        where_zh = f"第 {index} 项任务（序号“{task.number}”，第 {task.line} 行）"
        where_en = f"Task {index} (number {task.number!r}, line {task.line})"
        if not task.text.strip():
            raise Refusal(PlanCode.BAD_TASK, f"{where_zh}内容为空。", f"{where_en} has no text.")
        if len(task.number.strip()) > _NUMBER_MAX:
            raise Refusal(PlanCode.BAD_TASK, f"{where_zh}序号过长。", f"{where_en}: the number is too long.")
        if any(not title.strip() for title in task.section_path):
            raise Refusal(
                PlanCode.BAD_TASK, f"{where_zh}的章节标题为空。", f"{where_en} has an empty heading."
            )
        long_names = [n for n in task.unit_names if len(n) > _NAME_MAX]
        if long_names:
            raise Refusal(
                PlanCode.BAD_TASK,
                f"{where_zh}的单位名称超过 {_NAME_MAX} 字：{long_names[0][:20]}…",
                f"{where_en}: a unit name is longer than {_NAME_MAX} characters.",
            )


def check_unique(*, region: Region, sha256: str, doc_number: str, allow_duplicate: bool) -> None:
    """The same file imported twice in a region is refused unless the office says it means it; a 文号
    names one plan."""
    earlier = Plan.objects.filter(region=region, source_sha256=sha256).order_by("pk").first()
    if earlier is not None and not allow_duplicate:
        raise Refusal(
            PlanCode.DUPLICATE_FILE,
            f"该文件已导入为方案“{earlier.title}”（编号 {earlier.pk}）。",
            f"This file was already imported as plan {earlier.pk} ({earlier.title}).",
        )
    doc_number = doc_number.strip()
    if len(doc_number) > 100:
        raise Refusal(PlanCode.BAD_DOC_NUMBER, "文号过长。", "The document number is too long.")
    taken = Plan.objects.filter(doc_number=doc_number).first() if doc_number else None
    if taken is not None:
        raise Refusal(
            PlanCode.DOC_NUMBER_TAKEN,
            f"文号“{doc_number}”已用于方案“{taken.title}”（编号 {taken.pk}），请在预览中修改文号。",
            f"The document number {doc_number} belongs to plan {taken.pk} ({taken.title}); "
            "change it in the preview.",
        )
