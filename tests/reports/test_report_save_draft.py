"""report_save_draft: the unit's liaison writes the report for one line and one period."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import Period, period_for
from tests.factories import make_milestone, make_unit, make_user
from tests.reports.flow import Q2, save_draft

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status


def test_the_first_save_creates_a_draft_for_the_period(draft, line):
    assert (draft.assignment, draft.period_start, draft.period_end, draft.period_label) == (
        line,
        date(2021, 1, 1),
        date(2021, 3, 31),
        "2021年第一季度",
    )
    assert (draft.review_state, draft.status, draft.version, draft.late) == (
        ReviewState.DRAFT,
        Status.IN_PROGRESS,
        1,
        False,
    )
    event = AuditEvent.objects.get(action="report.create", object_id=str(draft.pk))
    assert (
        event.after["narrative"] == "召开专题会议部署落实。"
        and event.after["period_label"] == "2021年第一季度"
    )


def test_saving_again_updates_the_draft_and_audits_the_change(draft, line, liaison):
    saved = save_draft(line, liaison, narrative="已完成制度修订。", status=Status.DONE, expected_version=1)
    assert saved.pk == draft.pk
    stored = ProgressReport.objects.get(pk=draft.pk)
    assert (stored.narrative, stored.status, stored.version) == ("已完成制度修订。", Status.DONE, 2)
    event = AuditEvent.objects.get(action="report.update", object_id=str(draft.pk))
    assert event.before == {"status": "in_progress", "narrative": "召开专题会议部署落实。"}


def test_second_of_two_concurrent_saves_is_refused(draft, line, liaison):
    save_draft(line, liaison, narrative="我先保存", expected_version=1)
    with pytest.raises(StaleEdit):
        save_draft(line, liaison, narrative="我后保存", expected_version=1)
    assert ProgressReport.objects.get(pk=draft.pk).narrative == "我先保存"


def test_creating_a_report_that_someone_else_already_created_is_a_stale_edit(draft, line, liaison):
    with pytest.raises(StaleEdit):
        save_draft(line, liaison, narrative="另一份")  # no expected_version: the form thought it was new
    assert ProgressReport.objects.count() == 1


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.OFFICE_ADMIN, Role.INSPECTOR, Role.LEADER])
def test_only_the_units_liaison_writes_reports(clock, line, role):
    actor = (
        make_user(unit=line.unit, role=role)
        if role == Role.UNIT_HEAD
        else make_user(role=role, region=line.unit.region)
    )
    with pytest.raises(PermissionDenied):
        save_draft(line, actor)
    assert not ProgressReport.objects.exists()


def test_another_units_liaison_cannot_write_this_units_report(clock, line):
    outsider = make_user(unit=make_unit(region=line.unit.region), role=Role.LIAISON)
    with pytest.raises(PermissionDenied):
        save_draft(line, outsider)


def test_the_lead_unit_cannot_write_its_cooperating_units_report(clock, line):
    coop = Assignment.objects.create(
        task=line.task, unit=make_unit(region=line.unit.region), role=Assignment.Role.COOPERATING
    )
    with pytest.raises(PermissionDenied):
        save_draft(coop, make_user(unit=line.unit, role=Role.LIAISON))


@pytest.mark.parametrize(
    "period",
    [
        period_for(date(2021, 1, 1), Plan.Cadence.MONTH),  # the plan reports by quarter
        period_for(date(2020, 10, 1), Plan.Cadence.QUARTER),  # before the plan's years
        Period(date(2021, 1, 1), date(2021, 3, 30), "2021年第一季度"),
    ],
)
def test_a_period_that_is_not_one_of_the_plans_is_refused(clock, line, liaison, period):
    with pytest.raises(Refusal) as refused:
        save_draft(line, liaison, period=period)
    assert refused.value.code == "bad_period"


def test_a_period_that_has_not_begun_is_refused(clock, line, liaison):
    with pytest.raises(Refusal):
        save_draft(line, liaison, period=period_for(date(2021, 7, 1), Plan.Cadence.QUARTER))


def test_the_running_period_may_be_reported(clock, line, liaison):
    assert save_draft(line, liaison, period=Q2).period_label == "2021年第二季度"


@pytest.mark.parametrize("status", [Plan.Status.DRAFT, Plan.Status.ARCHIVED])
def test_no_reports_on_a_plan_that_is_not_published(clock, line, liaison, status):
    Plan.objects.filter(pk=line.task.plan_id).update(status=status)
    line = Assignment.objects.select_related("task__plan").get(pk=line.pk)
    with pytest.raises(Refusal):
        save_draft(line, liaison)


def test_an_unknown_status_is_refused(clock, line, liaison):
    with pytest.raises(ValidationError):
        save_draft(line, liaison, status="finished")


def test_in_progress_is_stored_as_overdue_when_a_milestone_passed_in_the_period(clock, line, liaison):
    make_milestone(assignment=line, due_date=date(2021, 3, 15))
    assert save_draft(line, liaison, status=Status.IN_PROGRESS).status == Status.OVERDUE


def test_a_milestone_due_after_the_period_does_not_make_its_report_overdue(clock, line, liaison):
    make_milestone(assignment=line, due_date=date(2021, 4, 1))  # passed by today, not by 31 March
    assert save_draft(line, liaison, status=Status.IN_PROGRESS).status == Status.IN_PROGRESS


def test_done_and_ongoing_stand_as_reported_even_when_overdue(clock, line, liaison):
    make_milestone(assignment=line, due_date=date(2021, 3, 15))
    assert save_draft(line, liaison, status=Status.DONE).status == Status.DONE
