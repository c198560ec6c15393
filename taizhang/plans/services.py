"""Writes to plans. Importing a plan file is in ``plans.importing``."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.ledger.models import Assignment
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.plans.models import Plan
from taizhang.plans.permissions import require_office_admin


def plan_publish(*, actor: User | None, plan: Plan, expected_version: int) -> Plan:
    """发布: a draft plan goes live. Its ledger lines exist from the import, one per task and unit; from now
    on every unit sees its own (``ledger.selectors.assignment_list``) and reporting starts.

    Raises ``Refusal`` for a plan that is not a draft or has no tasks, ``StaleEdit`` when someone saved
    the plan after ``expected_version``, ``PermissionDenied`` unless ``actor`` is an office admin of the
    plan's region (``None`` for system work)."""
    require_office_admin(actor, plan.region)
    if plan.status != Plan.Status.DRAFT:
        raise Refusal(
            PlanCode.NOT_DRAFT,
            f"方案“{plan}”已是{plan.get_status_display()}状态，不能再发布。",
            f"Plan {plan.pk} is {plan.status}, not a draft; it cannot be published again.",
        )
    if not plan.tasks.exists():
        raise Refusal(
            PlanCode.NO_TASKS, f"方案“{plan}”没有任务，不能发布。", f"Plan {plan.pk} has no tasks to publish."
        )
    ledger = Assignment.objects.filter(task__plan=plan).aggregate(
        lines=Count("pk"), units=Count("unit", distinct=True)
    )
    with transaction.atomic():
        save_versioned(
            plan, expected_version=expected_version, status=Plan.Status.PUBLISHED, published_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="plan.publish",
            obj=plan,
            before={"status": Plan.Status.DRAFT},
            after={"status": plan.status, "published_at": plan.published_at, **ledger},
        )
    return plan


def plan_withdraw(*, actor: User | None, plan: Plan, reason: str, expected_version: int) -> Plan:
    """撤回: the office takes a published plan back, with a reason. Its ledger lines are closed (kept, with
    their decompositions and reports, readable by whoever read them; nobody edits or reports on them
    again); the plan stays in the list as 已撤回. Raises ``Refusal`` for a plan that is not published or a
    missing reason, ``StaleEdit``, and ``PermissionDenied`` unless ``actor`` is an office admin of the plan's
    region."""
    require_office_admin(actor, plan.region)
    reason = (reason or "").strip()
    if plan.status != Plan.Status.PUBLISHED:
        raise Refusal(
            PlanCode.NOT_PUBLISHED,
            f"方案“{plan}”是{plan.get_status_display()}状态，只有已发布的方案可以撤回。",
            f"Plan {plan.pk} is {plan.status}; only a published plan can be withdrawn.",
        )
    if not reason or len(reason) > 200:
        raise Refusal(
            PlanCode.NO_REASON,
            "请填写撤回理由（不超过 200 字）。",
            "Give the reason for withdrawing the plan (at most 200 characters).",
        )
    now = timezone.now()
    with transaction.atomic():
        save_versioned(
            plan,
            expected_version=expected_version,
            status=Plan.Status.WITHDRAWN,
            withdrawn_at=now,
            withdrawn_reason=reason,
        )
        closed = Assignment.objects.filter(task__plan=plan, closed_at__isnull=True).update(
            closed_at=now, closed_reason=f"方案撤回：{reason}"[:200], version=F("version") + 1
        )
        audit_record(
            actor=actor,
            action="plan.withdraw",
            obj=plan,
            before={"status": Plan.Status.PUBLISHED},
            after={"status": plan.status, "withdrawn_reason": reason, "lines_closed": closed},
        )
    return plan
