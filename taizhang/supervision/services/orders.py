"""Writes for a 督办单 as a whole: the office drafts it, issues it, closes it; the reminder command marks the
replies still owed after the deadline as overdue.

A draft already has its recipients (``OrderRecipient`` rows), as an imported plan has its lines: the office
reviews who will receive it, and units see the order once it is issued (``supervision.selectors``).
Each write is one transaction with its audit entry; a step taken from an outdated page is ``StaleEdit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.audit.workflow import step_move
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.plans.models import Plan, Task
from taizhang.plans.selectors import plan_list
from taizhang.supervision.codes import SupervisionCode
from taizhang.supervision.handovers import order_issued_handover
from taizhang.supervision.models import OrderRecipient, OrderStep, RecipientState, SupervisionOrder
from taizhang.supervision.services.checks import MAX_TEXT, check_order_state
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids

State = SupervisionOrder.State
_FIELDS = ["region", "title", "requirement", "deadline", "priority", "topic", "state"]


def _check_deadline(deadline: date) -> None:
    if deadline < timezone.localdate():
        raise Refusal(
            SupervisionCode.DEADLINE_PAST,
            f"办理时限（{deadline:%Y-%m-%d}）不能早于今天。",
            f"The deadline ({deadline:%Y-%m-%d}) cannot be in the past.",
        )


def _check_units(region: Region, units: Sequence[Unit]) -> list[Unit]:
    units = list({unit.pk: unit for unit in units}.values())
    if not units:
        raise Refusal(SupervisionCode.NO_UNITS, "请选择承办单位。", "Choose at least one unit.")
    below = region_subtree_ids({region.pk})
    outside = [str(unit) for unit in units if unit.region_id not in below or not unit.active]
    if outside:
        raise Refusal(
            SupervisionCode.UNIT_OUT_OF_SCOPE,
            f"以下单位不在本督办单的行政区划内或已停用：{'、'.join(outside)}。",
            f"Units outside the order's region, or inactive: {', '.join(outside)}.",
        )
    return units


def _check_tasks(actor: User, tasks: Sequence[Task]) -> list[Task]:
    tasks = list({task.pk: task for task in tasks}.values())
    published = plan_list(user=actor).filter(status=Plan.Status.PUBLISHED)
    found = set(
        Task.objects.filter(pk__in=[t.pk for t in tasks], plan__in=published).values_list("pk", flat=True)
    )
    if len(found) != len(tasks):
        raise Refusal(
            SupervisionCode.TASK_OUT_OF_SCOPE,
            "只能督办本地区已发布方案中的任务。",
            "Only tasks of published plans in your region may be supervised.",
        )
    return tasks


def order_create(
    *,
    actor: User,
    title: str,
    requirement: str,
    deadline: date,
    units: Sequence[Unit],
    priority: str = SupervisionOrder.Priority.NORMAL,
    topic: str = "",
    tasks: Sequence[Task] = (),
    region: Region | None = None,
) -> SupervisionOrder:
    """Draft a 督办单 of ``region`` (default: the region of the office's own unit) to ``units`` (in that
    region or below): about ``tasks`` of published plans, or a ``topic``, or both."""
    region = region or (actor.unit.region if actor.unit_id else None)
    require_office_admin_of(actor, region.pk if region else -1, doing="制发督办单", doing_en="draft orders")
    title = clean_text(title, zh="标题", en="The title", limit=200)
    requirement = clean_text(requirement, zh="督办要求", en="The requirement", limit=MAX_TEXT)
    topic = (topic or "").strip()
    if len(topic) > 200:
        raise Refusal(SupervisionCode.TOO_LONG, "督办事项不超过 200 字。", "The topic is too long.")
    if priority not in SupervisionOrder.Priority.values:
        raise Refusal(SupervisionCode.BAD_PRIORITY, "缓急程度无效。", "Unknown priority.")
    _check_deadline(deadline)
    units = _check_units(region, units)
    tasks = _check_tasks(actor, tasks)
    if not tasks and not topic:
        raise Refusal(
            SupervisionCode.NO_SUBJECT, "请选择督办任务或填写督办事项。", "Choose tasks or write the topic."
        )
    with transaction.atomic():
        order = SupervisionOrder.objects.create(
            issuer=actor,
            region=region,
            title=title,
            requirement=requirement,
            deadline=deadline,
            priority=priority,
            topic=topic,
        )
        order.tasks.set(tasks)
        OrderRecipient.objects.bulk_create(OrderRecipient(order=order, unit=unit) for unit in units)
        after = {
            **snapshot(order, fields=_FIELDS),
            "units": sorted(u.pk for u in units),
            "tasks": sorted(t.pk for t in tasks),
        }
        audit_record(actor=actor, action="order.create", obj=order, after=after)
    return order


def order_issue(*, actor: User, order: SupervisionOrder, expected_version: int) -> SupervisionOrder:
    """下发: the draft goes to its units, who see it from now on; the deadline must still lie ahead."""
    require_office_admin_of(actor, order.region_id, doing="下发督办单", doing_en="issue orders")
    check_order_state(order, State.DRAFT, doing="下发", doing_en="issued")
    _check_deadline(order.deadline)
    if not order.recipients.exists():
        raise Refusal(SupervisionCode.NO_UNITS, "请选择承办单位。", "Choose at least one unit.")
    now = timezone.now()
    with transaction.atomic():
        save_versioned(order, expected_version=expected_version, state=State.ISSUED, issued_at=now)
        audit_record(
            actor=actor,
            action="order.issue",
            obj=order,
            before={"state": State.DRAFT},
            after={"state": State.ISSUED, "issued_at": now},
        )
        order_issued_handover(order)  # each unit told, in this transaction
    return order


def order_close(*, actor: User, order: SupervisionOrder, expected_version: int) -> SupervisionOrder:
    """办结: the office closes an issued order once every unit's reply is accepted (已采纳)."""
    require_office_admin_of(actor, order.region_id, doing="办结督办单", doing_en="close orders")
    check_order_state(order, State.ISSUED, doing="办结", doing_en="closed")
    open_units = [
        str(r.unit) for r in order.recipients.select_related("unit") if r.state != RecipientState.ACCEPTED
    ]
    if open_units:
        raise Refusal(
            SupervisionCode.REPLIES_OPEN,
            f"以下单位的办理情况尚未采纳，不能办结：{'、'.join(open_units)}。",
            f"Replies not yet accepted: {', '.join(open_units)}; the order cannot be closed.",
        )
    now = timezone.now()
    with transaction.atomic():
        save_versioned(order, expected_version=expected_version, state=State.CLOSED, closed_at=now)
        audit_record(
            actor=actor,
            action="order.close",
            obj=order,
            before={"state": State.ISSUED},
            after={"state": State.CLOSED, "closed_at": now},
        )
    return order


def order_mark_overdue(*, today: date) -> list[OrderRecipient]:
    """逾期: every reply still owed (待回复 or 已退回) on an issued order whose deadline lies before ``today``
    becomes 逾期, with an ``OrderStep`` without actor and an audit entry without actor. Idempotent: a second
    run finds nothing left to mark. Returns the recipients it marked."""
    owed = (RecipientState.PENDING, RecipientState.RETURNED)
    with transaction.atomic():
        due = list(
            OrderRecipient.objects.select_for_update(of=("self",))
            .select_related("order", "unit")
            .filter(order__state=State.ISSUED, order__deadline__lt=today, state__in=owed)
            .order_by("pk")
        )
        for recipient in due:
            step_move(
                recipient,
                trail=OrderStep,
                to_state=RecipientState.OVERDUE,
                actor=None,
                action="order.overdue",
                expected_version=recipient.version,
            )
    return due
