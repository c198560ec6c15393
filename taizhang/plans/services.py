"""Writes to plans. Importing a plan file is in ``plans.importing``."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
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
