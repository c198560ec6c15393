"""ledger.progress_snapshot: the 任务进展快照 gives 落实情况 the progress counted live, a task newer than
the snapshot is counted live beside it, the tick keeps it, the page says when it was taken, and the covered
cell escapes what plans and regions are called."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from taizhang.jobs import steps
from taizhang.ledger.models import TaskProgress
from taizhang.ledger.progress_snapshot import task_progress_refresh, task_progress_step
from taizhang.plans.coverage import coverage
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from tests.coverage.world import build, link, office
from tests.factories import make_assignment, make_plan, make_report, make_unit

pytestmark = pytest.mark.django_db
TODAY = date(2021, 6, 1)


def _progress(cov):
    return {
        (row.task.order, c.region.name): (c.tally.lines, c.tally.completed, c.tally.overdue)
        for row in cov.tasks
        for c in row.covered
    }


@pytest.fixture
def world():
    """The coverage world with a late line and a line reported late under 乙市's plan."""
    w = build()
    task = w.city_b_plan.tasks.order_by("order").first()
    make_assignment(task=task, unit=make_unit(region=w.city_b), deadline=date(2021, 5, 1))
    late = make_assignment(task=task, unit=make_unit(region=w.district_b1))
    make_report(assignment=late, status=ProgressReport.Status.OVERDUE, review_state=ReviewState.ACCEPTED)
    return w


def test_the_snapshot_gives_the_progress_counted_live(world):
    task_progress_refresh(today=TODAY)
    for user in (office(world.province), office(world.city_a)):
        saved = coverage(user=user, plan=world.plan, today=TODAY)
        live = coverage(user=user, plan=world.plan, today=TODAY, live=True)
        assert saved.as_of is not None and live.as_of is None
        assert _progress(saved) == _progress(live)
    progress = _progress(coverage(user=office(world.province), plan=world.plan, today=TODAY))
    t1 = world.plan.tasks.order_by("order").first().order
    assert progress[(t1, "乙市")] == (2, 0, 2) and progress[(t1, "甲市")] == (2, 1, 0)


def test_a_task_published_after_the_snapshot_is_counted_live(world):
    task_progress_refresh(today=TODAY)
    plan = make_plan(region=world.district_a2, level=Plan.Level.DISTRICT, status=Plan.Status.PUBLISHED)
    new = plan.tasks.order_by("order").first()
    link(new, world.plan.tasks.order_by("order").last())  # t4: nobody carried it out before
    make_assignment(task=new, unit=make_unit(region=world.district_a2), deadline=date(2021, 5, 1))
    cov = coverage(user=office(world.province), plan=world.plan, today=TODAY)
    assert cov.as_of is not None
    t4 = world.plan.tasks.order_by("order").last().order
    assert _progress(cov)[(t4, world.district_a2.name)] == (1, 0, 1)


def test_the_tick_replaces_the_snapshot(world):
    assert task_progress_step in steps.OVERDUE_STEPS
    task_progress_step(today=TODAY)
    task_progress_step(today=TODAY)
    released = Plan.objects.filter(status__in=(Plan.Status.PUBLISHED, Plan.Status.ARCHIVED))
    assert TaskProgress.objects.count() == sum(p.tasks.count() for p in released)  # replaced, not added


def test_the_page_says_when_and_escapes_names_in_the_covered_cell(client, world):
    world.city_b_plan.title = '<script>alert("x")</script>'
    world.city_b_plan.save()
    client.force_login(office(world.province))
    url = reverse("plan_coverage", args=[world.plan.pk])
    assert "完成率和逾期截至" not in client.get(url).content.decode()
    task_progress_refresh(today=TODAY)
    taken = timezone.localtime(TaskProgress.objects.first().computed_at)
    html = client.get(url).content.decode()
    assert f"完成率和逾期截至 {taken:%Y-%m-%d %H:%M}" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert f'href="{reverse("plan_detail", args=[world.city_b_plan.pk])}"' in html
