"""Importing a regulation catalogue (制度目录) into a region's register: every row checked first, then all
written or nothing. A title already in the region's register (not abolished; 《》 and spaces ignored) is
updated — a cell left empty keeps the register's value — and any other becomes a new regulation.

The catalogue is the record of decisions taken elsewhere (a 清理 result, an office's list), so its status
column is taken as it is, abolished included; a decision with its evaluation is recorded in the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.audit.services import audit_record, snapshot
from taizhang.files.checks import screened_sheet, sheet_unreadable
from taizhang.files.uses import Use
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.i18n import said
from taizhang.lib.sheets import SheetRefusal
from taizhang.regulations.catalogue.read import BadFile, CatalogueRow, Problem, read_catalogue
from taizhang.regulations.codes import RegulationCode
from taizhang.regulations.models import Regulation
from taizhang.regulations.services.register import FIELDS
from taizhang.regulations.titles import title_key
from taizhang.units.matching import match_unit_names
from taizhang.units.models import Region
from taizhang.units.selectors import region_subtree_ids

_COPIED = ("doc_number", "issued_on", "summary", "status")


class CatalogueError(SheetRefusal):
    """The catalogue was refused (code ``catalogue``, or the files code of what screened it out): every
    problem with its row, and the ``CatalogueRow``s read."""

    default_code = RegulationCode.CATALOGUE


@dataclass
class CatalogueResult:
    rows: list[CatalogueRow]
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = True


def _check_rows(region: Region, rows: list[CatalogueRow]) -> list[Problem]:
    """Titles, units, dates, duplicates; attaches ``extra["unit"]`` and ``extra["existing"]``."""
    problems = []
    matches = match_unit_names(region=region, names=[r.unit_name for r in rows if r.unit_name])
    subtree = region_subtree_ids({region.pk})
    register = Regulation.objects.filter(region=region).exclude(status=Regulation.Status.ABOLISHED)
    existing = {title_key(r.title): r for r in register}
    seen: dict[str, int] = {}
    today = timezone.localdate()
    for row in rows:
        key = title_key(row.title)
        if not key:
            problems.append(Problem(row.row, "缺少制度名称。", "The title is missing."))
        elif len(row.title) > 200 or len(row.doc_number) > 100:
            problems.append(Problem(row.row, "制度名称或文号过长。", "The title or the number is too long."))
        elif key in seen:
            problems.append(Problem(row.row, f"与第 {seen[key]} 行重复。", f"Repeats row {seen[key]}."))
        seen.setdefault(key, row.row)
        if row.issued_on and row.issued_on > today:
            problems.append(Problem(row.row, "印发日期晚于今天。", "The date is in the future."))
        unit = matches[row.unit_name].exact if row.unit_name in matches else None
        if row.unit_name and (unit is None or unit.region_id not in subtree):
            problems.append(
                Problem(
                    row.row,
                    f"制定单位“{row.unit_name}”不在本地区单位名录中。",
                    f"The issuing unit “{row.unit_name}” is not in the region's unit register.",
                )
            )
        row.extra = {"unit": unit, "existing": existing.get(key)}
        row.extra["action"] = "update" if row.extra["existing"] else "create"
    return problems


def _changes(regulation: Regulation, row: CatalogueRow) -> dict:
    wanted = {name: getattr(row, name) for name in _COPIED if getattr(row, name)}
    if row.extra["unit"] is not None:
        wanted["issuing_unit"] = row.extra["unit"]
    return {k: v for k, v in wanted.items() if getattr(regulation, k) != v}


def _write(actor: User | None, region: Region, result: CatalogueResult) -> None:
    for row in result.rows:
        existing = row.extra["existing"]
        if existing is None:
            regulation = Regulation.objects.create(
                region=region,
                title=row.title,
                issuing_unit=row.extra["unit"],
                doc_number=row.doc_number,
                issued_on=row.issued_on,
                summary=row.summary,
                status=row.status or Regulation.Status.IN_FORCE,
            )
            audit_record(
                actor=actor,
                action="regulation.create",
                obj=regulation,
                after=snapshot(regulation, fields=FIELDS),
            )
            result.created += 1
            continue
        locked = Regulation.objects.select_for_update().get(pk=existing.pk)
        changes = _changes(locked, row)
        if not changes:
            result.unchanged += 1
            continue
        before = snapshot(locked, fields=FIELDS)
        save_versioned(locked, expected_version=locked.version, **changes)
        audit_record(
            actor=actor,
            action="regulation.update",
            obj=locked,
            before=before,
            after=snapshot(locked, fields=FIELDS),
        )
        result.updated += 1


def catalogue_import(
    *,
    actor: User | None,
    region: Region,
    fileobj: IO[bytes],
    dry_run: bool,
    file_name: str = "catalogue.xlsx",
) -> CatalogueResult:
    """Check every row of the catalogue and, unless ``dry_run``, write them all. ``CatalogueError`` lists
    every problem with its row and nothing is saved. The office admins of ``region`` (``None`` for system
    work, the command without ``--user``). The file is first screened by its content
    (``files.checks.screen``: no program, script or virus, within the zip limits); a refusal there is a
    ``CatalogueError`` with the files code (``executable``, ``ratio_too_high``, …)."""
    if actor is not None and region.pk not in region_ids_in_scope(actor, Role.OFFICE_ADMIN):
        raise PermissionDenied(
            said("只有惩防办可以导入制度目录。", "Only the office may import a catalogue.")
        )
    seekable = screened_sheet(fileobj, name=file_name, use=Use.REGULATION_CATALOGUE, refusal=CatalogueError)
    try:
        rows, problems = read_catalogue(seekable)
    except BadFile as exc:
        raise sheet_unreadable(exc, CatalogueError) from None
    problems += _check_rows(region, rows)
    if not rows and not problems:
        problems.append(Problem(None, "表中没有制度。", "The sheet lists no regulation."))
    if problems:
        raise CatalogueError(sorted(problems, key=lambda p: p.row or 0), rows)
    result = CatalogueResult(rows=rows, dry_run=dry_run)
    if dry_run:
        result.created = sum(1 for r in rows if r.extra["action"] == "create")
        result.updated = len(rows) - result.created
        return result
    with transaction.atomic():
        _write(actor, region, result)
        audit_record(
            actor=actor,
            action="regulation.catalogue_import",
            obj=region,
            after={"rows": len(rows), "created": result.created, "updated": result.updated},
        )
    return result
