"""Confirming an import (确认导入): the plan, its tree and every unit's ledger lines, all or nothing."""

from __future__ import annotations

import hashlib
import io

from django.db import transaction

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.files.storage import store_by_digest
from taizhang.ledger.models import Assignment
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.plans.importing import checks, rows
from taizhang.plans.importing.lines import ledger_lines
from taizhang.plans.importing.preview import ImportPreview, PreviewTask, unit_names
from taizhang.plans.importing.resolve import UnitMapping, check_mapping, create_units, remember_aliases
from taizhang.plans.importing.wildcards import resolve_wildcards
from taizhang.plans.linking import link_rows
from taizhang.plans.models import Plan, Task, TaskRegulation
from taizhang.plans.permissions import require_office_admin
from taizhang.units.models import Region


def import_confirm(
    *,
    actor: User | None,
    preview: ImportPreview,
    unit_mapping: UnitMapping,
    title: str,
    level: str,
    region: Region,
    period_start: int,
    period_end: int,
    report_cadence: str = Plan.Cadence.QUARTER,
    data: bytes,
    file_name: str,
    allow_duplicate: bool = False,
) -> Plan:
    """Create a draft plan from ``preview`` (as the office edited it) and the file ``data`` it was made
    from. ``unit_mapping`` maps printed names to a unit id or ``"new"``; names it leaves out must match a
    unit exactly. Raises ``Refusal`` and writes nothing when anything is refused; ``PermissionDenied``
    unless ``actor`` is an office admin of the region (``None`` for system work)."""
    require_office_admin(actor, region)
    tasks = checks.clean_tasks(preview.tasks)
    title = title.strip()
    checks.check_fields(
        title=title,
        level=level,
        region=region,
        period_start=period_start,
        period_end=period_end,
        report_cadence=report_cadence,
    )
    checks.check_tasks(tasks)
    sha256 = hashlib.sha256(data).hexdigest()
    if sha256 != preview.sha256:
        raise Refusal(
            PlanCode.FILE_CHANGED,
            "文件与预览时不同，请重新预览。",
            "The file is not the one previewed; preview it again.",
        )
    names, _wildcards = unit_names(tasks)
    with transaction.atomic():
        checks.check_unique(
            region=region, sha256=sha256, doc_number=preview.doc_number, allow_duplicate=allow_duplicate
        )
        resolution = check_mapping(names=names, unit_mapping=unit_mapping, region=region)
        from_wildcards = resolve_wildcards(preview=preview, tasks=tasks, region=region)
        # Stored once every check has passed; a later rollback leaves an orphan blob, never a row without
        # its file (as for evidence).
        blob = store_by_digest(io.BytesIO(data), folder="plans")
        created = create_units(names=resolution.new, region=region, actor=actor)
        units = resolution.units | created
        aliases = remember_aliases(chosen=resolution.chosen, actor=actor)
        plan = Plan(
            title=title,
            doc_number=preview.doc_number.strip(),
            issuer=preview.issuer.strip()[:100],
            level=level,
            region=region,
            period_start=period_start,
            period_end=period_end,
            report_cadence=report_cadence,
            status=Plan.Status.DRAFT,
            source_name=file_name[:255],
            source_sha256=sha256,
            source_file=blob.name,
        )
        plan.full_clean()
        plan.save()
        saved, sections, regulations_added = _create_tree(plan, tasks)
        for key in from_wildcards.everyone:  # 各单位 takes in the units made just now
            from_wildcards.units[key] = [*from_wildcards.units[key], *created.values()]
        lines = ledger_lines(saved, tasks, units, from_wildcards.units)
        Assignment.objects.bulk_create(lines)
        counts = {
            "sections": sections,
            "tasks": len(saved),
            "assignments": len(lines),
            "from_wildcard": sum(1 for a in lines if a.from_wildcard),
        }
        audit_record(
            actor=actor,
            action="plan.import",
            obj=plan,
            after={
                **counts,
                "source_name": plan.source_name,
                "source_sha256": sha256,
                "units_created": resolution.new,
                "aliases_added": aliases,
                "duplicate_allowed": allow_duplicate,
                "regulations_added": regulations_added,
                "wildcards": {w.name: {"units": len(w.units), "chosen": w.chosen} for w in preview.wildcards},
                "wildcard_task_choices": sum(len(t.wildcard_units) for t in tasks),
            },
        )
    return plan


def _create_tree(plan: Plan, tasks: list[PreviewTask]) -> tuple[list[Task], int, list[str]]:
    """Sections, tasks and their regulations (linked to the register, ``plans.linking``), in bulk;
    returns the tasks, how many sections, and the titles added to the register."""
    orders = rows.document_order(tasks)
    sections = rows.create_sections(plan, tasks, orders)
    saved = Task.objects.bulk_create(
        Task(
            plan=plan,
            section=sections.get(rows.section_key(t)),
            number=t.number.strip(),
            order=orders[("task", i)],
            key=key,
            text=t.text.strip(),
            deadline_text=(t.deadline or "")[:100],
            deadline_date=rows.deadline_date(t.deadline),
        )
        for i, (t, key) in enumerate(zip(tasks, rows.task_keys(tasks), strict=True))
    )
    named = [
        r
        for task, printed in zip(saved, tasks, strict=True)
        for r in rows.regulations_for(task, printed.regulations)
    ]
    added = link_rows(named, region=plan.region)
    TaskRegulation.objects.bulk_create(named)
    return saved, len(sections), added
