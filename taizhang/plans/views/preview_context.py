"""What the preview page and its htmx fragments show, worked out from the import in progress.

Reads only, and a fixed number of queries whatever the number of tasks: the region, the units a printed
name may be mapped to (once, for every select), and for a duplicate file the earlier plan."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse

from taizhang.lib.refusal import Refusal
from taizhang.plans.importing import NEW, PreviewTask
from taizhang.plans.revisions.candidates import revision_candidates
from taizhang.plans.selectors import plan_list
from taizhang.plans.views.import_session import ImportDraft, draft_region
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids


@dataclass(slots=True)
class Heading:
    depth: int
    number: str
    title: str
    is_heading = True


@dataclass(slots=True)
class Row:
    id: int
    task: PreviewTask
    is_heading = False


def preview_context(
    request: HttpRequest, draft: ImportDraft, *, form, mapping: dict, error: Refusal | None
) -> dict:
    preview = draft.preview
    owned = {(w["line"], w["code"]) for t in preview.tasks for w in t.warnings}
    return {
        "draft": draft,
        "preview": preview,
        "region": draft_region(draft),
        "form": form,
        "error": error,
        "items": task_items(draft),
        "loose_warnings": [w for w in preview.warnings if (w["line"], w["code"]) not in owned],
        "duplicate": _duplicate(request, preview.duplicate_of),
        # the same 文号 or title as a live plan: perhaps its revision (方案修订)
        "revises": revision_candidates(
            user=request.user, region_id=preview.region_id, title=preview.title, doc_number=preview.doc_number
        )[:3],
        **names_context(draft, mapping, error),
        **row_context(draft),
    }


def row_context(draft: ImportDraft) -> dict:
    """What a task row needs besides its task: which names still want a choice, the preview's digest."""
    return {"unmatched": set(draft.preview.unmatched), "sha256": draft.preview.sha256}


def names_context(draft: ImportDraft, mapping: dict, error: Refusal | None = None) -> dict:
    """The unit-matching table: unmatched names first, each with the office's choice so far."""
    preview = draft.preview
    region = draft_region(draft)
    uses = Counter(name for task in preview.tasks for name in task.unit_names)
    flagged = set(error.names) if error else set()
    names = [
        {
            "name": m.name,
            "exact": m.exact,
            "suggestions": m.suggestions,
            "uses": uses[m.name],
            "chosen": str(mapping.get(m.name, "")),
            "flagged": m.name in flagged,
        }
        for m in sorted(preview.names, key=lambda m: m.exact is not None)
    ]
    to_choose = [n for n in names if n["exact"] is None]
    return {
        "names": names,
        "to_choose": to_choose,
        "matched": [n for n in names if n["exact"] is not None],
        "wildcards": _wildcard_lines(draft),
        "all_units": _mappable_units(region) if to_choose else [],
        "new_value": NEW,
        "task_count": len(preview.tasks),
    }


def _wildcard_lines(draft: ImportDraft) -> list[dict]:
    """Each wildcard with the tasks that print it: {"w", "tasks": [{"row", "task", "own"}]}, where
    ``own`` is the task's own choice of units (None: the plan's)."""
    return [
        {
            "w": w,
            "tasks": [
                {"row": row, "task": task, "own": task.wildcard_units.get(w.name)}
                for row, task in zip(draft.rows, draft.preview.tasks, strict=True)
                if w.name in task.wildcards
            ],
        }
        for w in draft.preview.wildcards
    ]


def task_items(draft: ImportDraft) -> list[Heading | Row]:
    """The tasks in document order, each heading above them shown once where the path changes."""
    items: list[Heading | Row] = []
    previous: list[tuple[str, str]] = []
    for row, task in zip(draft.rows, draft.preview.tasks, strict=True):
        numbers = task.section_numbers + [""] * (len(task.section_path) - len(task.section_numbers))
        path = list(zip(numbers, task.section_path, strict=False))
        same = 0
        while same < min(len(path), len(previous)) and path[same] == previous[same]:
            same += 1
        items.extend(Heading(depth=d, number=path[d][0], title=path[d][1]) for d in range(same, len(path)))
        items.append(Row(id=row, task=task))
        previous = path
    return items


def _mappable_units(region: Region) -> list[dict]:
    """Every unit ``import_confirm`` lets a name map to: active, in the region, below it or up to two
    levels above it; the plan's own region first."""
    above = [r for r in (region.parent_id, getattr(region.parent, "parent_id", None)) if r]
    units = (
        Unit.objects.filter(Q(region_id__in=region_subtree_ids([region.pk])) | Q(region_id__in=above))
        .filter(active=True)
        .select_related("region")
        .order_by("order", "pk")
    )
    own = [u for u in units if u.region_id == region.pk]
    others = [u for u in units if u.region_id != region.pk]
    return [
        {"id": u.pk, "name": u.name, "region": "" if u.region_id == region.pk else u.region.name}
        for u in own + others
    ]


def _duplicate(request: HttpRequest, duplicate: dict | None) -> dict | None:
    """The plan the same file was imported as: its title, date and page (when the user may see it)."""
    if not duplicate:
        return None
    earlier = (
        plan_list(user=request.user).filter(pk=duplicate["id"]).values("pk", "title", "created_at").first()
    )
    if earlier is None:
        return {"title": duplicate["title"], "created_at": None, "url": None}
    return {**earlier, "url": reverse("plan_detail", args=[earlier["pk"]])}
