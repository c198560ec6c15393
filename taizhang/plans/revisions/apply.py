"""Applying a revised plan (修订): one transaction that turns the live plan into the revised version.

Tasks the diff pairs keep their rows — and so their ledger lines, decompositions, milestones and reports —
with the new text, number, key, place and deadline; their lines follow the new units (a unit no longer named
is closed, a new one gets a line, a unit named again is reopened). Removed tasks and all their lines are
closed, never deleted. New tasks are created with their lines. Each version is a ``PlanVersion`` row."""

from __future__ import annotations

import io

from django.db import transaction
from django.db.models import CharField, F, Max, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.files.storage import store_by_digest
from taizhang.ledger.models import Assignment
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.plans.importing import rows
from taizhang.plans.importing.resolve import check_mapping
from taizhang.plans.linking import link_rows
from taizhang.plans.models import Plan, PlanVersion, Section, Task, TaskRegulation
from taizhang.plans.permissions import require_office_admin
from taizhang.plans.revisions.compare import Revision, revision_compare

_SHIFT = 1_000_000  # orders moved out of the way while the new ones are written (unique per plan)
_KEY_MAX = Task._meta.get_field("key").max_length


def revision_apply(
    *, actor: User | None, plan: Plan, file_name: str, data: bytes, expected_version: int
) -> PlanVersion:
    """Apply the file ``data`` as the next version of ``plan`` (draft or published). Refuses, writing
    nothing: a wrong role (``PermissionDenied``), a plan withdrawn or archived, a file that cannot be read or
    names units the register does not know (add them or their aliases first), a 文号 another plan holds, a
    file identical in its tasks to the live plan, and (``StaleEdit``) a plan saved after
    ``expected_version``."""
    require_office_admin(actor, plan.region)
    revision = revision_compare(actor=actor, plan=plan, file_name=file_name, data=data)
    names = list(dict.fromkeys(n for t in revision.tasks for n in t.unit_names))
    check_mapping(names=[n for n in names if n in revision.unmatched], unit_mapping={}, region=plan.region)
    counts = revision.summary
    if counts["added"] == counts["removed"] == 0 and counts["unchanged"] == len(revision.changes):
        raise Refusal(
            PlanCode.NO_CHANGES,
            "修订版与现行方案的任务完全相同，无需导入。",
            "The revised file has the same tasks as the live plan; there is nothing to apply.",
        )
    doc_number = revision.preview.doc_number.strip()[:100] or plan.doc_number
    taken = Plan.objects.filter(doc_number=doc_number).exclude(pk=plan.pk).first() if doc_number else None
    if taken is not None:
        raise Refusal(
            PlanCode.DOC_NUMBER_TAKEN,
            f"文号“{doc_number}”已用于方案“{taken.title}”（编号 {taken.pk}）。",
            f"The document number {doc_number} belongs to plan {taken.pk} ({taken.title}).",
        )
    now = timezone.now()
    with transaction.atomic():
        number = _first_version(plan)
        blob = store_by_digest(io.BytesIO(data), folder="plans")
        before = {"doc_number": plan.doc_number, "source_sha256": plan.source_sha256}
        save_versioned(
            plan,
            expected_version=expected_version,
            doc_number=doc_number,
            source_name=file_name[:255],
            source_sha256=revision.preview.sha256,
            source_file=blob.name,
        )
        described = _described(revision)
        closed = _rewrite_tree(revision, now=now, version=number + 1)
        version = PlanVersion.objects.create(
            plan=plan,
            number=number + 1,
            title=plan.title,
            doc_number=plan.doc_number,
            source_name=plan.source_name,
            source_sha256=plan.source_sha256,
            source_file=blob.name,
            summary={**counts, "lines_closed": closed},
            changes=described,
            created_by=actor,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action="plan.revise",
            obj=plan,
            before=before,
            after={
                "version": version.number,
                "doc_number": plan.doc_number,
                "source_name": plan.source_name,
                "source_sha256": plan.source_sha256,
                **version.summary,
            },
        )
    return version


def _first_version(plan: Plan) -> int:
    """The number of the plan's live version, recording version 1 (the import) when it is not yet a row."""
    last = plan.versions.aggregate(last=Max("number"))["last"]
    if last is not None:
        return last
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        title=plan.title,
        doc_number=plan.doc_number,
        source_name=plan.source_name,
        source_sha256=plan.source_sha256,
        source_file=plan.source_file.name if plan.source_file else "",
        summary={"tasks": plan.tasks.filter(closed_at__isnull=True).count()},
        created_at=plan.created_at,
    )
    return 1


def _rewrite_tree(revision: Revision, *, now, version: int) -> int:
    """Sections, tasks, regulations and lines as the revised file has them; returns how many lines closed."""
    plan, tasks = revision.plan, revision.tasks
    reason = f"第{version}版修订删除"
    # Move every order and key aside, so the new ones never meet an old one in a unique index mid-way.
    Section.objects.filter(plan=plan).update(order=F("order") + _SHIFT)
    Task.objects.filter(plan=plan).update(
        order=F("order") + _SHIFT, key=Concat(Value("~rev~"), Cast("pk", CharField()))
    )
    old_sections = set(Section.objects.filter(plan=plan).values_list("pk", flat=True))
    orders = rows.document_order(tasks)
    sections = rows.create_sections(plan, tasks, orders)
    pairs = {c.new: revision.old[c.old] for c in revision.changes if c.old is not None and c.new is not None}
    kept, created = [], []
    for index, (printed, key) in enumerate(zip(tasks, revision.keys, strict=True)):
        task = pairs.get(index) or Task(plan=plan)
        task.section = sections.get(rows.section_key(printed))
        task.number = printed.number.strip()
        task.order = orders[("task", index)]
        task.key = key
        task.text = printed.text.strip()
        task.deadline_text = (printed.deadline or "")[:100]
        task.deadline_date = rows.deadline_date(printed.deadline)
        (kept if task.pk else created).append((index, task))
    fields = ["section", "number", "order", "key", "text", "deadline_text", "deadline_date"]
    Task.objects.bulk_update([t for _, t in kept], fields)
    Task.objects.bulk_create([t for _, t in created])
    # Closed tasks (removed now or before) after the live ones, keeping their old section and number.
    removed = [revision.old[c.old] for c in revision.changes if c.kind == "removed"]
    for task in removed:
        task.closed_at, task.closed_reason = now, reason
    Task.objects.bulk_update(removed, ["closed_at", "closed_reason"])
    # A closed task moves under the new heading of the same path when there is one; else its old one stays.
    paths = _paths(old_sections)
    last = len(orders)
    for offset, task in enumerate(Task.objects.filter(plan=plan, order__gte=_SHIFT).order_by("order"), 1):
        task.order = last + offset
        task.key = f"{task.number or '#'}~closed~{task.pk}"[-_KEY_MAX:]
        task.section = sections.get(paths.get(task.section_id), task.section)
        task.save(update_fields=["order", "key", "section"])
    _sections_after(plan, old_sections)
    reworded = [t for i, t in kept if revision.changes_by_new[i].flags.count("reworded")]
    _regulations(plan, tasks, reworded=reworded, created=created, kept=kept)
    return _lines(revision, kept + created, removed, now=now, reason=reason, version=version)


def _paths(ids: set[int]) -> dict[int, tuple]:
    """Section id → its path of (number, title) from the top, as ``rows.section_key`` writes it."""
    found = {s.pk: s for s in Section.objects.filter(pk__in=ids)}
    paths: dict[int, tuple] = {}
    for pk, section in found.items():
        path, at = [], section
        while at is not None:
            path.insert(0, (at.number, at.title))
            at = found.get(at.parent_id)
        paths[pk] = tuple(path)
    return paths


def _sections_after(plan: Plan, old: set[int]) -> None:
    """Old headings still holding a closed task stay (with the headings above them), after the new ones;
    the others go. No live task points at an old heading any more."""
    keep: set[int] = set()
    parents = dict(Section.objects.filter(pk__in=old).values_list("pk", "parent_id"))
    for pk in Task.objects.filter(plan=plan, section_id__in=old).values_list("section_id", flat=True):
        while pk is not None and pk not in keep:
            keep.add(pk)
            pk = parents.get(pk)
    Section.objects.filter(pk__in=old - keep).delete()
    start = Section.objects.filter(plan=plan, order__lt=_SHIFT).aggregate(last=Max("order"))["last"] or 0
    for offset, section in enumerate(Section.objects.filter(pk__in=keep).order_by("order"), 1):
        section.order = start + offset
        section.save(update_fields=["order"])


def _regulations(plan: Plan, tasks, *, reworded: list[Task], created: list[tuple[int, Task]], kept) -> None:
    """The 《制度》 a reworded or new task names, read again from its new text."""
    TaskRegulation.objects.filter(task__in=reworded).delete()
    index = {id(t): i for i, t in kept + created}
    named = [
        r
        for task in [*reworded, *(t for _, t in created)]
        for r in rows.regulations_for(task, tasks[index[id(task)]].regulations)
    ]
    link_rows(named, region=plan.region)
    TaskRegulation.objects.bulk_create(named)


def _lines(revision: Revision, live, removed: list[Task], *, now, reason: str, version: int) -> int:
    """Each live task's lines as the revised file names its units; returns how many lines were closed."""
    closing = {"closed_at": now, "closed_reason": reason, "version": F("version") + 1}
    closed = Assignment.objects.filter(task__in=removed, closed_at__isnull=True).update(**closing)
    existing: dict[tuple[int, int], Assignment] = {
        (a.task_id, a.unit_id): a for a in Assignment.objects.filter(task__in=[t for _, t in live if t.pk])
    }
    wanted: set[tuple[int, int]] = set()
    new, reopened, roles = [], [], []
    for index, task in live:
        for line in revision.lines[index]:
            wanted.add((task.pk, line.unit_id))
            was = existing.get((task.pk, line.unit_id))
            if was is None:
                line.task = task
                new.append(line)
            elif was.closed_at is not None:
                reopened.append(was.pk)
            if was is not None and was.role != line.role:
                roles.append((was.pk, line.role))
    Assignment.objects.bulk_create(new)
    Assignment.objects.filter(pk__in=reopened).update(
        closed_at=None, closed_reason="", version=F("version") + 1
    )
    for pk, role in roles:
        Assignment.objects.filter(pk=pk).update(role=role, version=F("version") + 1)
    dropped = [a.pk for key, a in existing.items() if key not in wanted and a.closed_at is None]
    closed += Assignment.objects.filter(pk__in=dropped).update(
        **{**closing, "closed_reason": f"第{version}版修订不再列入该单位"}
    )
    return closed


def _described(revision: Revision) -> list[dict]:
    """The diff as the history page shows it (numbers, the text's start, the units), kept with the version.
    Called before the tasks are rewritten."""
    out = []
    for change in revision.changes:
        old = revision.old[change.old] if change.old is not None else None
        new = revision.tasks[change.new] if change.new is not None else None
        out.append(
            {
                "kind": change.kind,
                "flags": change.flags,
                "old_number": old.number if old else "",
                "old_text": old.text[:200] if old else "",
                "new_number": new.number.strip() if new else "",
                "new_text": new.text.strip()[:200] if new else "",
                "units_added": change.units_added,
                "units_removed": change.units_removed,
                "roles_changed": change.roles_changed,
            }
        )
    return out
