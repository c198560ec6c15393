"""说明原因: a unit states why one of its ledger lines is behind (``AssignmentExplanation``) — asked on the
问原因 list (``explanation_give``) or by a warning on the line (``alerts.services.alert_explain`` calls
``explanation_record``). One explanation per line and reporting period: both ask the same question and
both show the same answer."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_acting_for_unit
from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.ledger.models import Assignment
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.plans.models import Plan
from taizhang.reports.periods import period_for
from taizhang.supervision.codes import SupervisionCode
from taizhang.supervision.models import AssignmentExplanation
from taizhang.supervision.review3 import line_situation
from taizhang.supervision.services.checks import MAX_REASON


def explanation_period(assignment: Assignment, day: date) -> date:
    """The start of the reporting period (the plan's cadence) ``day`` falls in: what an explanation given on
    ``day`` explains."""
    return period_for(day, assignment.task.plan.report_cadence).start


def explanation_record(
    *, actor: User, assignment: Assignment, reason: str, situation: str
) -> AssignmentExplanation:
    """Write the line's explanation for today's period, with its audit entry (joins the caller's
    transaction). The caller has checked who acts and why the line is asked; the reason is checked here."""
    require_acting_for_unit(actor, assignment.unit_id, doing="说明原因", doing_en="give reasons")
    reason = clean_text(reason, zh="原因", en="The reason", limit=MAX_REASON)
    today = timezone.localdate()
    with transaction.atomic():
        explanation = AssignmentExplanation.objects.create(
            assignment=assignment,
            situation=situation,
            as_of=explanation_period(assignment, today),
            reason=reason,
            given_by=actor,
        )
        audit_record(
            actor=actor,
            action="explanation.give",
            obj=explanation,
            after=snapshot(explanation, fields=["assignment", "situation", "as_of", "reason"]),
        )
    return explanation


def explanation_give(*, actor: User, assignment: Assignment, reason: str) -> AssignmentExplanation:
    """说明原因: the line's liaison or unit head gives the reason for the situation the line is in today
    (未启动 or 逾期未完成, by the rule of the 看查问 page), on a published plan. A line done or in progress
    has nothing to explain here (a warning on it asks through ``alert_explain``)."""
    require_acting_for_unit(actor, assignment.unit_id, doing="说明原因", doing_en="give reasons")
    if assignment.task.plan.status != Plan.Status.PUBLISHED:
        raise Refusal(
            SupervisionCode.PLAN_CLOSED,
            "方案未发布或已归档，不能说明原因。",
            "The plan is not published, or is archived.",
        )
    situation = line_situation(assignment, today=timezone.localdate())
    if situation is None:
        raise Refusal(
            SupervisionCode.NOTHING_TO_EXPLAIN,
            "该条目已在推进或已完成，无需说明原因。",
            "The line is in progress or done; there is nothing to explain.",
        )
    return explanation_record(actor=actor, assignment=assignment, reason=reason, situation=situation)
