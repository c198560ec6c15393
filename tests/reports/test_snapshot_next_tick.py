"""The tick's snapshots (任务进展, 地区汇总) recount only what the audit log says changed since their last
run (``ledger.changes``): a report accepted between two ticks shows on the next tick's snapshots, a row
nothing touched is left as it was, and a new day recounts everything."""

from datetime import date, timedelta

from django.db import transaction

from taizhang.audit.services import audit_record
from taizhang.dashboard.models import UnitYearSummary
from taizhang.dashboard.rollup_snapshot import rollup_snapshot_step
from taizhang.ledger.models import TaskProgress
from taizhang.ledger.progress_snapshot import task_progress_step
from taizhang.reports.models import ProgressReport
from taizhang.reports.workflow import report_accept, report_approve, report_submit
from tests.factories import make_assignment, make_unit
from tests.reports.flow import save_draft

TODAY = date(2021, 4, 5)


def _tick(today=TODAY):
    task_progress_step(today=today)
    rollup_snapshot_step(today=today)


def _figures(line):
    progress = TaskProgress.objects.get(task_id=line.task_id)
    summary = UnitYearSummary.objects.get(unit_id=line.unit_id, year=2021)
    return (progress.lines, progress.completed), (summary.sent, summary.completed)


def test_a_report_accepted_between_ticks_shows_on_the_next_tick(clock, line, liaison, head, office):
    other = make_assignment(task=line.task, unit=make_unit(region=line.unit.region))
    _tick()
    assert _figures(line) == ((2, 0), (0, 0))
    report = save_draft(line, liaison, status=ProgressReport.Status.DONE)
    report = report_submit(actor=liaison, report=report, expected_version=report.version)
    report = report_approve(actor=head, report=report, expected_version=report.version)
    report_accept(actor=office, report=report, expected_version=report.version)
    # The other unit's row, spoiled by hand: a steady tick does not recount what nothing touched.
    UnitYearSummary.objects.filter(unit_id=other.unit_id, year=2021).update(lines=99)
    _tick()
    assert _figures(line) == ((2, 1), (1, 1))
    assert UnitYearSummary.objects.get(unit_id=other.unit_id, year=2021).lines == 99
    _tick()  # nothing new: the figures stay
    assert _figures(line) == ((2, 1), (1, 1))
    clock(TODAY + timedelta(days=1))
    _tick(TODAY + timedelta(days=1))  # a new day: every row counted again
    assert UnitYearSummary.objects.get(unit_id=other.unit_id, year=2021).lines == 1


def test_a_line_deleted_between_ticks_is_counted_out(clock, line):
    """A deletion leaves nothing to tie the event to: the next tick recounts everything."""
    other = make_assignment(task=line.task, unit=make_unit(region=line.unit.region))
    _tick()
    assert _figures(line)[0][0] == 2
    with transaction.atomic():
        audit_record(actor=None, action="assignment.delete", obj=other, before={"unit": other.unit_id})
        other.delete()
    _tick()
    assert _figures(line)[0][0] == 1
    assert UnitYearSummary.objects.get(unit_id=other.unit_id, year=2021).lines == 0
