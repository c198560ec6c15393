"""report_list: what each user may read. Own unit; the lead unit sees its cooperating units' reports for
the tasks it leads; the office, leaders and inspectors their region; a draft only its own unit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.accounts.models import Role
from taizhang.ledger.models import Assignment
from taizhang.reports.models import ReviewState
from taizhang.reports.selectors import report_list
from tests.factories import make_assignment, make_plan, make_report, make_unit, make_user
from tests.reports.flow import Q2

pytestmark = pytest.mark.django_db

LEAD, COOPERATING = Assignment.Role.LEAD, Assignment.Role.COOPERATING


@pytest.fixture
def reports():
    """Unit L leads task 1, where C cooperates; on task 2, C leads and L is not assigned."""
    lead_line = make_assignment(role=LEAD)
    region, task = lead_line.unit.region, lead_line.task
    coop_unit = make_unit(region=region)
    coop_line = make_assignment(task=task, unit=coop_unit, role=COOPERATING)
    other_task = task.plan.tasks.exclude(pk=task.pk).first()
    c_leads = make_assignment(task=other_task, unit=coop_unit, role=LEAD)
    submitted = {"review_state": ReviewState.SUBMITTED}
    return {
        "lead": make_report(assignment=lead_line, **submitted),
        "coop": make_report(assignment=coop_line, **submitted),
        "coop_draft": make_report(
            assignment=coop_line, period_start=Q2.start, period_end=Q2.end, period_label=Q2.label
        ),
        "coop_other_task": make_report(assignment=c_leads, **submitted),
    }


def _user(report, role):
    return make_user(unit=report.assignment.unit, role=role)


def test_a_liaison_sees_only_their_units_reports(reports):
    coop_liaison = _user(reports["coop"], Role.LIAISON)
    assert set(report_list(user=coop_liaison)) == {
        reports["coop"],
        reports["coop_draft"],
        reports["coop_other_task"],
    }


@pytest.mark.parametrize("role", [Role.LIAISON, Role.UNIT_HEAD])
def test_the_lead_unit_sees_its_cooperating_units_report_for_its_task_only(reports, role):
    lead_user = _user(reports["lead"], role)
    assert set(report_list(user=lead_user)) == {reports["lead"], reports["coop"]}


def test_a_draft_is_seen_by_its_own_unit_only(reports):
    region = reports["lead"].assignment.unit.region
    for outsider in (_user(reports["lead"], Role.LIAISON), make_user(role=Role.OFFICE_ADMIN, region=region)):
        assert reports["coop_draft"] not in set(report_list(user=outsider))


@pytest.mark.parametrize("role", [Role.OFFICE_ADMIN, Role.LEADER, Role.INSPECTOR])
def test_the_office_and_leaders_see_their_region(reports, role):
    region = reports["lead"].assignment.unit.region
    seen = set(report_list(user=make_user(role=role, region=region)))
    assert seen == {reports["lead"], reports["coop"], reports["coop_other_task"]}
    assert not report_list(user=make_user(role=role, region=make_unit().region)).exists()


def test_filters_narrow_and_never_widen(reports):
    lead_user = _user(reports["lead"], Role.LIAISON)
    other = reports["coop_other_task"]
    assert not report_list(user=lead_user, assignment_id=other.assignment_id).exists()
    assert list(
        report_list(
            user=lead_user, review_state=ReviewState.SUBMITTED, assignment_id=reports["coop"].assignment_id
        )
    ) == [reports["coop"]]


def _reports_for(unit, n):
    plan = make_plan(region=unit.region, tasks_per_section=n)
    for task in plan.tasks.all():
        make_report(assignment=make_assignment(task=task, unit=unit), review_state=ReviewState.SUBMITTED)


@pytest.mark.parametrize("role", [Role.LIAISON, Role.OFFICE_ADMIN])
def test_listing_takes_the_same_queries_for_one_report_or_many(django_assert_num_queries, role):
    few_unit, many_unit = make_unit(), make_unit()
    _reports_for(few_unit, 1)
    _reports_for(many_unit, 6)
    few, many = (
        (make_user(unit=u, role=role) if role == Role.LIAISON else make_user(role=role, region=u.region))
        for u in (few_unit, many_unit)
    )

    def read(user):
        return [
            (r.assignment.unit.name, r.assignment.task.plan.title, r.evidence_count)
            for r in report_list(user=user)
        ]

    with CaptureQueriesContext(connection) as one:
        assert len(read(few)) == 1
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(read(many)) == 6
