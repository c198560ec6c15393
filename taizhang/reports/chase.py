"""催办 by hand: the office chases a unit about one ledger line — its reports overdue, its work behind. The
unit's liaisons and heads are told at once (``notifications.handover``), and the chase is kept (``Chase``)
and audited, so how often the office had to chase a line is counted later as evidence (the line's page shows
the count). Once a line and day: a second press the same day is refused, not sent twice."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from taizhang.accounts.checks import require_office_admin_over_unit
from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.ledger.models import Assignment
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.notifications.handover import tell, unit_people
from taizhang.notifications.models import Notification
from taizhang.reports.checks import check_reportable
from taizhang.reports.codes import ReportCode
from taizhang.reports.models import Chase, ProgressReport, ReviewState
from taizhang.reports.periods import periods_owed

MAX_NOTE = 500


def overdue_periods(assignment: Assignment, *, today) -> list[str]:
    """The labels of the periods the line owes and has not sent (逾期未报), oldest first."""
    sent = set(
        ProgressReport.objects.filter(assignment=assignment)
        .exclude(review_state=ReviewState.DRAFT)
        .values_list("period_start", flat=True)
    )
    began = timezone.localdate(assignment.created_at) if assignment.created_at else None
    owed = periods_owed(assignment.task.plan, today=today, began=began)
    return [p.label for p in owed if p.start not in sent]


def line_chase(*, actor: User, assignment: Assignment, note: str = "") -> Chase:
    """催办: an office admin over the line's unit chases it; the unit's liaisons and heads get one message
    each (the overdue periods named, and the office's note). Refused on an unpublished or archived plan
    and on a second chase of the line the same day."""
    require_office_admin_over_unit(actor, assignment.unit_id, doing="催办", doing_en="chase units")
    check_reportable(assignment)
    note = clean_text(note, zh="催办说明", en="The note", limit=MAX_NOTE, field="note", required=False)
    today = timezone.localdate()
    if Chase.objects.filter(assignment=assignment, day=today).exists():
        raise _chased_today()
    overdue = overdue_periods(assignment, today=today)
    try:
        with transaction.atomic():
            chase = Chase.objects.create(
                assignment=assignment, actor=actor, day=today, overdue="、".join(overdue)[:300], note=note
            )
            audit_record(
                actor=actor,
                action="report.chase",
                obj=chase,
                after={"assignment_id": assignment.pk, "unit_id": assignment.unit_id, "overdue": overdue},
            )
            _tell(chase)
    except IntegrityError:  # a parallel press stored today's chase between the look and the insert
        raise _chased_today() from None
    return chase


def _chased_today() -> Refusal:
    return Refusal(
        ReportCode.CHASED_TODAY, "今天已催办过该单位的这项任务。", "This line was already chased today."
    )


def _tell(chase: Chase) -> None:
    line = chase.assignment
    task = line.task
    what = f"《{task.plan.title}》第{task.number}项"
    body = f"{line.unit.name}：惩防办催办{what}（{task.text[:60]}），请抓紧办理并按时报送进展。"
    if chase.overdue:
        body += f"\n逾期未报：{chase.overdue}"
    if chase.note:
        body += f"\n催办说明：{chase.note}"
    tell(
        people=unit_people(line.unit_id),
        occasion=f"chase:{chase.pk}",
        subject=f"催办：{what}",
        body=body,
        link=reverse("report_periods", args=[line.pk]),
        about=chase,
        kind=Notification.Kind.REMINDER,
    )
