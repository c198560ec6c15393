"""``attach_sent`` gives each line only its latest period sent up to the last one owed (one row a line, not
every period it ever sent: issue 12 item 9). The lights read from it must be the lights read from all the
periods sent (``assignment_list``'s prefetch) — with reports sent early for a period not yet due, drafts
and returned reports — and it reads the lines of one plan in one query however many they are.

A quarterly plan published on 15 January 2021: Q1's report due 10 April, Q2's 10 July, Q3's 10 October."""

from datetime import date, datetime, time

import pytest
from django.db import transaction
from django.utils import timezone

from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_light, assignment_list, attach_milestones, attach_sent
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.units.models import Unit
from tests.factories import make_plan, make_region, make_user

pytestmark = pytest.mark.django_db

Q1, Q2, Q3 = date(2021, 1, 1), date(2021, 4, 1), date(2021, 7, 1)
SENT, DRAFT, RETURNED = ReviewState.SUBMITTED, ReviewState.DRAFT, ReviewState.RETURNED
REPORTS = [  # each line's reports: (period start, review state)
    [],
    [(Q1, SENT)],
    [(Q1, SENT), (Q3, SENT)],  # Q3 sent before it is due
    [(Q1, DRAFT), (Q2, SENT)],
    [(Q2, SENT), (Q3, SENT)],
    [(Q1, RETURNED), (Q3, DRAFT)],
]
DAYS = [date(2021, 4, 10), date(2021, 4, 11), date(2021, 7, 11), date(2021, 8, 20), date(2021, 10, 11)]
_ENDS = {Q1: date(2021, 3, 31), Q2: date(2021, 6, 30), Q3: date(2021, 9, 30)}


def _build(lines_per_kind: int = 1):
    region = make_region()
    plan = make_plan(region=region, sections=1, tasks_per_section=1, report_cadence=Plan.Cadence.QUARTER)
    published = timezone.make_aware(datetime.combine(date(2021, 1, 15), time(9)))
    Plan.objects.filter(pk=plan.pk).update(published_at=published)
    Assignment.objects.filter(task__plan=plan).delete()
    kinds = REPORTS * lines_per_kind
    units = Unit.objects.bulk_create(
        Unit(region=region, name=f"单位{i}", kind=Unit.Kind.GOVERNMENT, order=i) for i in range(len(kinds))
    )
    task = plan.tasks.get()
    made = Assignment.objects.bulk_create(Assignment(task=task, unit=unit, role="lead") for unit in units)
    Assignment.objects.filter(pk__in=[line.pk for line in made]).update(created_at=published)
    ProgressReport.objects.bulk_create(
        ProgressReport(
            assignment=line,
            period_start=start,
            period_end=_ENDS[start],
            period_label=str(start),
            status=ProgressReport.Status.IN_PROGRESS,
            review_state=state,
        )
        for line, reports in zip(made, kinds, strict=True)
        for start, state in reports
    )
    return plan, make_user(role="office_admin", region=region)


@pytest.fixture(scope="module")
def compared(django_db_setup, django_db_blocker):
    """Day → (lights from every period sent, lights from ``attach_sent``); built once in a transaction
    rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        plan, office = _build()
        found = {}
        for day in DAYS:
            full = assignment_list(user=office).filter(task__plan=plan)
            bare = list(full.prefetch_related(None))
            attach_milestones(bare)
            attach_sent(bare, today=day)
            found[day] = (
                [(line.pk, assignment_light(line, today=day)) for line in full],
                [(line.pk, assignment_light(line, today=day)) for line in bare],
            )
        transaction.set_rollback(True)
    return found


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_lights_from_the_latest_period_sent_are_those_from_every_period(compared, day):
    full, attached = compared[day]
    assert attached == full


def test_lines_of_a_plan_have_their_sent_periods_in_one_query(django_assert_num_queries):
    plan, office = _build(lines_per_kind=20)
    lines = list(assignment_list(user=office).filter(task__plan=plan).prefetch_related(None))
    assert len(lines) == 120
    with django_assert_num_queries(1):
        attach_sent(lines, today=DAYS[-1])
    assert sum(bool(line.sent_starts) for line in lines) == 100  # all but the lines that sent nothing
