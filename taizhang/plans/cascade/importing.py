"""上下贯通 in the plan import: the upper plan and task links suggested in the preview, stored on confirm.

Nothing here is kept in the session: the suggestions are worked out again for each render (one similarity
pass, two to six queries) from the preview's tasks, its preamble's titles (``ImportPreview.upper_documents``)
and the upper plan chosen; the office's choice travels with the confirm form (``upper_plan``, one
``link_<row>`` checkbox per candidate)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from taizhang.lib.ids import parse_id
from taizhang.lib.refusal import Refusal
from taizhang.plans.cascade.services import plan_set_upper, task_links_accept
from taizhang.plans.cascade.similarity import bigrams, suggest
from taizhang.plans.cascade.upper import named_upper, upper_plans
from taizhang.plans.codes import PlanCode
from taizhang.plans.importing import ImportPreview, PreviewTask, import_confirm
from taizhang.plans.importing.rows import task_keys
from taizhang.plans.models import Plan, Task
from taizhang.units.models import Region

AUTO = "auto"  # the upper plan the preamble names


@dataclass(slots=True)
class Candidate:
    task: Task
    score: float
    chosen: bool = False


@dataclass(slots=True)
class RowLinks:
    row: int
    task: PreviewTask
    candidates: list[Candidate] = field(default_factory=list)


@dataclass(slots=True)
class Suggestions:
    plans: list[Plan]  # every plan the new one may carry out, nearest region first
    named: Plan | None  # the one the preamble names
    upper: Plan | None  # the one chosen (the named one until the office chooses)
    rows: list[RowLinks] = field(default_factory=list)

    def links(self) -> dict[int, list[int]]:
        """Preview index → the chosen upper task ids (the best candidate of each row unless changed)."""
        return {i: [c.task.pk for c in r.candidates if c.chosen] for i, r in enumerate(self.rows)}


def suggest_links(tasks: list[PreviewTask], upper: list[Task]) -> list[list[tuple[Task, float]]]:
    """For each task of the file, up to three tasks of ``upper`` it may carry out, the best first."""
    lower_sets = [bigrams(t.text, names=t.unit_names) for t in tasks]
    found = suggest(lower_sets, [bigrams(u.text) for u in upper])
    return [[(upper[j], score) for j, score in row] for row in found]


def suggestions(
    preview: ImportPreview, region: Region, *, rows: list[int], upper_id: int | str | None = AUTO, posted=None
) -> Suggestions:
    """What the preview shows. ``upper_id``: a plan id, ``None`` for none, ``AUTO`` for the named one;
    ``posted``: the confirm form sent back, whose ticks replace the default (the best of each row)."""
    plans = upper_plans(region)
    named = named_upper(plans, preview.upper_documents)
    upper = named if upper_id == AUTO else next((p for p in plans if p.pk == upper_id), None)
    found = Suggestions(plans=plans, named=named, upper=upper)
    upper_tasks = list(Task.objects.filter(plan=upper).order_by("order")) if upper else []
    for row, task, best in zip(rows, preview.tasks, suggest_links(preview.tasks, upper_tasks), strict=True):
        ticked = set(posted.getlist(f"link_{row}")) if posted is not None else None
        found.rows.append(
            RowLinks(
                row=row,
                task=task,
                candidates=[
                    Candidate(t, s, chosen=(str(t.pk) in ticked) if ticked is not None else i == 0)
                    for i, (t, s) in enumerate(best)
                ],
            )
        )
    return found


def posted_upper(data) -> int | str | None:
    """The ``upper_plan`` the form sent: an id, ``None`` (none), or ``AUTO`` when it sent nothing; 0, which
    no plan has, for a value that is no id (a tampered form, refused on confirm as ``upper_unknown``)."""
    value = str(data.get("upper_plan", AUTO)).strip()
    if value in ("", "none"):
        return None
    return value if value == AUTO else (parse_id(value) or 0)


def posted_links(data, rows: list[int]) -> dict[int, list[int]]:
    """Preview index → the upper task ids ticked on its row."""
    return {
        i: [pk for v in data.getlist(f"link_{row}") if (pk := parse_id(v)) is not None]
        for i, row in enumerate(rows)
        if data.getlist(f"link_{row}")
    }


def import_confirm_linked(*, upper_id: int | None, links: dict[int, list[int]], **confirm) -> Plan:
    """``import_confirm``, then the plan's upper plan (``plan_set_upper``) and the confirmed task links
    (``task_links_accept``, keyed by the preview's task index): one transaction, all or nothing."""
    actor, preview = confirm["actor"], confirm["preview"]
    with transaction.atomic():
        plan = import_confirm(**confirm)
        if upper_id is not None:
            upper = Plan.objects.filter(pk=upper_id).first()
            if upper is None:
                raise Refusal(
                    PlanCode.UPPER_UNKNOWN,
                    "所选上级方案不存在，请重新选择。",
                    "The upper plan chosen does not exist; choose again.",
                )
            plan_set_upper(actor=actor, plan=plan, upper=upper)
        chosen = {i: ids for i, ids in links.items() if ids and 0 <= i < len(preview.tasks)}
        if chosen:
            keys = task_keys(preview.tasks)
            by_key = dict(Task.objects.filter(plan=plan).values_list("key", "pk"))
            task_links_accept(
                actor=actor, plan=plan, links={by_key[keys[i]]: ids for i, ids in chosen.items()}
            )
    return plan


def accepted_links(
    preview: ImportPreview, region: Region, upper: Plan | None
) -> tuple[Plan, dict[int, list[int]]]:
    """``--accept-links`` of ``taizhang import_plan``: the best suggestion of each task, under ``upper`` or
    else the upper plan the preamble names. Raises ``Refusal`` when there is neither."""
    if upper is None:
        upper = named_upper(upper_plans(region), preview.upper_documents)
    if upper is None:
        raise Refusal(
            PlanCode.UPPER_UNKNOWN,
            "文件前言所列上级文件均未在系统中找到，请用 --carries-out 指定上级方案。",
            "None of the upper documents the preamble names is a plan here; name one with --carries-out.",
        )
    best = suggest_links(preview.tasks, list(Task.objects.filter(plan=upper).order_by("order")))
    return upper, {i: [row[0][0].pk] for i, row in enumerate(best) if row}
