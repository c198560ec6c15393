"""The four kinds of item an instruction or a follow is about, each read through its own app's selector (out
of the user's scope → 404), with what the instructions need of it: its region, the units it reaches, its
page, and the audit objects whose events are its changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext

from taizhang.accounts.models import User
from taizhang.inspections.selectors import finding_get, is_revealed
from taizhang.instructions.models import TARGETS
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import task_get
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.selectors import report_get
from taizhang.supervision.models import OrderRecipient, SupervisionOrder
from taizhang.supervision.selectors import order_get
from taizhang.units.models import Unit


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # one of TARGETS: the foreign key's name
    label: str  # zh msgid
    get: Callable[..., models.Model]  # (user=, pk=) → the item, 404 out of scope
    region_id: Callable[[models.Model], int | None]
    unit_ids: Callable[[models.Model], list[int]]  # the units it reaches, in their order
    url: Callable[[models.Model], str]
    reachable: Callable[[models.Model], bool]  # its units see it (not a draft, not a covert finding)
    # (audit object type, ids): the item and the rows below it whose events are its changes
    objects: Callable[[models.Model], list[tuple[str, list[int]]]]


def _task_units(task) -> list[int]:
    rows = Assignment.objects.filter(task=task).order_by("unit__order", "unit_id")
    return list(rows.values_list("unit_id", flat=True))


def _task_objects(task) -> list[tuple[str, list[int]]]:
    lines = list(Assignment.objects.filter(task=task).values_list("pk", flat=True))
    reports = list(ProgressReport.objects.filter(assignment_id__in=lines).values_list("pk", flat=True))
    return [("plans.task", [task.pk]), ("ledger.assignment", lines), ("reports.progressreport", reports)]


def _order_units(order) -> list[int]:
    rows = OrderRecipient.objects.filter(order=order).order_by("unit__order", "unit_id")
    return list(rows.values_list("unit_id", flat=True))


def _order_objects(order) -> list[tuple[str, list[int]]]:
    parts = list(OrderRecipient.objects.filter(order=order).values_list("pk", flat=True))
    return [("supervision.supervisionorder", [order.pk]), ("supervision.orderrecipient", parts)]


KINDS: dict[str, Kind] = {
    "task": Kind(
        "task",
        "任务",
        task_get,
        lambda t: t.plan.region_id,
        _task_units,
        lambda t: reverse("task_detail", args=(t.pk,)),
        lambda t: True,
        _task_objects,
    ),
    "order": Kind(
        "order",
        "督办单",
        order_get,
        lambda o: o.region_id,
        _order_units,
        lambda o: reverse("order_detail", args=(o.pk,)),
        lambda o: o.state != SupervisionOrder.State.DRAFT,
        _order_objects,
    ),
    "finding": Kind(
        "finding",
        "检查发现问题",
        finding_get,
        lambda f: f.inspection.region_id,
        lambda f: [f.unit_id],
        lambda f: reverse("inspection_detail", args=(f.inspection_id,)) + f"#finding-{f.pk}",
        lambda f: is_revealed(f.inspection),
        lambda f: [("inspections.finding", [f.pk])],
    ),
    "report": Kind(
        "report",
        "进展报送",
        report_get,
        lambda r: r.assignment.task.plan.region_id,
        lambda r: [r.assignment.unit_id],
        lambda r: reverse("report_edit", args=(r.assignment_id, r.period_start)),
        lambda r: r.review_state != ReviewState.DRAFT,
        lambda r: [("reports.progressreport", [r.pk])],
    ),
}
assert tuple(KINDS) == TARGETS


def target_get(*, user: User, kind: str, pk: int) -> models.Model:
    """The item, read as ``user`` may read it (404 otherwise)."""
    return KINDS[kind].get(user=user, pk=pk)


def target_units(kind: str, item: models.Model) -> list[Unit]:
    ids = KINDS[kind].unit_ids(item)
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]


def target_label(kind: str, item: models.Model) -> str:
    """What a list or a message calls the item: its kind and its own name."""
    name = item.text[:60] if kind == "task" else str(item)[:60]
    return f"{gettext(KINDS[kind].label)} · {name}"
