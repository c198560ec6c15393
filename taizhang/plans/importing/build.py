"""Reading a plan file into an import preview. Reads only: nothing is written until the office confirms."""

from __future__ import annotations

import hashlib
import logging
from io import BytesIO

from taizhang.accounts.models import User
from taizhang.docparse import Document, ParseError, parse
from taizhang.files.checks import screen
from taizhang.files.codes import FileCode
from taizhang.files.uses import Use
from taizhang.lib.i18n import said, said_of_both
from taizhang.lib.ooxml import zip_limits
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.plans.importing.preview import (
    ImportPreview,
    NameMatch,
    PreviewTask,
    unit_names,
)
from taizhang.plans.importing.wildcards import candidates, expansions
from taizhang.plans.models import Plan
from taizhang.plans.permissions import require_office_admin
from taizhang.units.matching import match_unit_names
from taizhang.units.models import Region, Unit

logger = logging.getLogger(__name__)


def _screen(data: bytes, file_name: str) -> None:
    """``files.checks.screen``; a program or script named .docx/.xlsx is refused saying first that it is
    not the Word/Excel file its name claims (the code stays the files app's)."""
    try:
        screen(BytesIO(data), name=file_name, use=Use.PLAN_SOURCE)
    except Refusal as refused:
        suffix = file_name.lower().rsplit(".", 1)[-1]
        if refused.code not in (FileCode.EXECUTABLE, FileCode.ACTIVE_CONTENT) or suffix not in _APPS:
            raise
        zh, en = _APPS[suffix]
        raise Refusal(refused.code, f"不是 {zh} 文件：{refused.zh}", f"Not {en} file: {refused.en}") from None


_APPS = {"docx": ("Word", "a Word"), "xlsx": ("Excel", "an Excel")}


def import_preview(
    *, actor: User | None, file_name: str, data: bytes, region: Region, sheet: str | None = None
) -> ImportPreview:
    """Parse ``data`` and show what importing it into ``region`` would create. Raises ``Refusal``
    (code from the parser) for a file that cannot be read, a files refusal for one refused by its content
    (``files.checks.screen``: named .docx, .xlsx or .txt, no program, script or virus, within the zip
    limits; the parser then types it by its bytes and refuses what it cannot read, or what is not what its
    name says, with its advice), ``sheet``: the sheet of an Excel plan (name or 1-based position),
    ``PermissionDenied`` unless ``actor`` is an office admin of the region (``None`` for system work)."""
    require_office_admin(actor, region)
    _screen(data, file_name)
    try:
        doc = parse(data, filename=file_name, zip_limits=zip_limits(), sheet=sheet or None)
    except ParseError as exc:
        if exc.code == PlanCode.PARSER_FAULT:  # a bug of ours, not the file's: keep the traceback
            logger.error("the parser failed on %s", file_name, exc_info=exc)
        raise Refusal(PlanCode(exc.code), exc.zh, exc.en) from exc
    sha256 = hashlib.sha256(data).hexdigest()
    tasks = _tasks(doc)
    names, wildcards = unit_names(tasks)
    matches = match_unit_names(region=region, names=names)
    duplicate = (
        Plan.objects.filter(region=region, source_sha256=sha256)
        .order_by("-pk")
        .values("id", "title", "status")
        .first()
    )
    warnings = [{"line": w.line, "code": w.code, "message": said_of_both(w.message)} for w in doc.warnings]
    if not tasks:
        warnings.insert(
            0,
            {
                "line": 0,
                "code": "no_tasks",
                "message": said("文件中没有找到任务", "no tasks found in the file"),
            },
        )
    return ImportPreview(
        file_name=file_name,
        sha256=sha256,
        region_id=region.pk,
        title=doc.attachment_title or doc.title or "",
        doc_number=doc.doc_number or "",
        issuer=doc.issuer or "",
        tasks=tasks,
        sections=sections_of(tasks),
        names=[
            NameMatch(
                name=name,
                exact=_unit_ref(matches[name].exact) if matches[name].exact else None,
                suggestions=[
                    {**_unit_ref(unit), "score": score} for unit, score in matches[name].suggestions
                ],
            )
            for name in names
        ],
        wildcards=expansions(region, wildcards),
        warnings=warnings,
        duplicate_of=duplicate,
        upper_documents=list(doc.upper_documents),  # 上下贯通 (plans.cascade)
    )


def wildcard_units(region: Region) -> list[Unit]:
    """What 各单位 means in a plan of ``region``: every active unit of the region and the regions below."""
    return list(candidates(region))


def sections_of(tasks: list[PreviewTask]) -> list[dict]:
    """Every heading above a task, once, in document order, with how many tasks sit directly under it."""
    found: dict[tuple, dict] = {}
    for task in tasks:
        numbers = _numbers(task)
        for depth in range(1, len(task.section_path) + 1):
            key = (tuple(numbers[:depth]), tuple(task.section_path[:depth]))
            found.setdefault(key, {"numbers": list(key[0]), "path": list(key[1]), "tasks": 0})
        if task.section_path:
            found[(tuple(numbers), tuple(task.section_path))]["tasks"] += 1
    return list(found.values())


def _numbers(task: PreviewTask) -> list[str]:
    numbers = task.section_numbers[: len(task.section_path)]
    return numbers + [""] * (len(task.section_path) - len(numbers))


def _tasks(doc: Document) -> list[PreviewTask]:
    tasks = [
        PreviewTask(
            number=t.number,
            text=t.text,
            section_path=list(t.section_path),
            section_numbers=list(t.section_numbers),
            line=t.line,
            lead=list(t.lead),
            cooperating=list(t.cooperating),
            responsible=list(t.responsible),
            leaders=list(t.leaders),
            persons=list(t.persons),
            deadline=t.deadline,
            deadline_from_text=t.deadline_from_text,
            regulations=[{"title": r.title, "action": r.action} for r in t.regulations],
        )
        for t in doc.tasks
    ]
    # A warning belongs to the task whose lines it falls in: from the task's first line to the next task's.
    by_line = sorted(tasks, key=lambda t: t.line)
    for warning in doc.warnings:
        owner = next((t for t in reversed(by_line) if t.line <= warning.line), None)
        if owner is not None:
            owner.warnings.append(
                {"line": warning.line, "code": warning.code, "message": said_of_both(warning.message)}
            )
    return tasks


def _unit_ref(unit: Unit) -> dict:
    return {"id": unit.pk, "name": unit.name}
