"""Applying a revised version of a plan: what is kept, closed, created, and recorded."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import Role
from taizhang.alerts.rules.common import lines_q
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_list, may_edit_assignment
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from taizhang.plans.models import Plan, PlanVersion, Section, Task
from taizhang.plans.revisions.apply import revision_apply
from taizhang.plans.revisions.compare import revision_compare
from taizhang.reports.models import ProgressReport
from taizhang.units.models import Unit
from tests.factories import make_report, make_user
from tests.plans.revision_texts import V1, V2, import_v1

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(district, office):
    """V1 imported and published, with an accepted report on 区纪委's line of 一/1."""
    plan = import_v1(district, office)
    line = Assignment.objects.get(task__plan=plan, task__key="一/1", unit__name="区纪委")
    make_report(assignment=line, narrative="第一季度已开展专项检查")
    return plan


def apply(plan, office, text=V2, name="v2.txt"):
    return revision_apply(
        actor=office, plan=plan, file_name=name, data=text.encode(), expected_version=plan.version
    )


def test_the_diff_against_the_live_plan_names_each_change(live, office):
    revision = revision_compare(actor=office, plan=live, file_name="v2.txt", data=V2.encode())
    described = {
        (
            c.kind,
            revision.old[c.old].key if c.old is not None else None,
            revision.keys[c.new] if c.new is not None else None,
        ): c.flags
        for c in revision.changes
    }
    assert described == {
        ("unchanged", "一/1", "一/1"): [],
        ("changed", "一/2", "一/2"): ["reworded", "units"],
        ("added", None, "二/1"): [],
        ("changed", "二/1", "二/2"): ["renumbered"],
        ("removed", "一/3", None): [],
    }
    assert not Task.objects.filter(plan=live, key="二/2").exists()  # reading wrote nothing


def test_a_report_on_an_unchanged_task_survives_the_revision(live, office):
    report = ProgressReport.objects.get()
    line_id, task_id = report.assignment_id, report.assignment.task_id
    apply(live, office)
    report.refresh_from_db()
    assert (report.assignment_id, report.assignment.task_id) == (line_id, task_id)
    assert report.narrative == "第一季度已开展专项检查"
    line = Assignment.objects.get(pk=line_id)
    assert line.closed_at is None and line.task.key == "一/1"


def test_reworded_and_renumbered_tasks_keep_their_rows_and_lines(live, office):
    before = {t.text: t.pk for t in Task.objects.filter(plan=live)}
    line = Assignment.objects.get(task__text="开展警示教育活动。", unit__name="区纪委")
    apply(live, office)
    moved = Task.objects.get(pk=before["开展警示教育活动。"])
    assert (moved.key, moved.number, moved.section.title) == ("二/2", "2", "强化教育")
    assert Assignment.objects.get(pk=line.pk).closed_at is None
    reworded = Task.objects.get(pk=before["完善《财务管理办法》。"])
    assert reworded.text == "完善《财务管理办法》和《公务接待管理办法》。"
    assert set(reworded.regulations.values_list("title", flat=True)) == {"财务管理办法", "公务接待管理办法"}
    assert set(reworded.assignments.values_list("unit__name", "role")) == {
        ("区财政局", "lead"),
        ("区审计局", "cooperating"),
        ("区信访局", "cooperating"),
    }
    added = Task.objects.get(plan=live, key="二/1")
    assert added.text == "推进以案促改工作。" and added.assignments.get().unit.name == "区纪委"


def test_a_removed_task_is_closed_with_its_line_still_readable(live, office):
    removed = Task.objects.get(plan=live, key="一/3")
    apply(live, office)
    removed.refresh_from_db()
    assert removed.closed_at is not None and removed.closed_reason == "第2版修订删除"
    line = removed.assignments.get()
    assert line.closed_at is not None
    liaison = make_user(unit=Unit.objects.get(name="区信访局"), role=Role.LIAISON)
    assert assignment_list(user=liaison).filter(pk=line.pk).exists()
    assert not may_edit_assignment(liaison, assignment_list(user=liaison).get(pk=line.pk))
    assert not Assignment.objects.filter(lines_q("", None), pk=line.pk).exists()  # no more warnings
    assert Task.objects.filter(plan=live, closed_at__isnull=True).count() == 4
    assert Section.objects.filter(plan=live).count() == 2  # the old 加强监督 holds the closed task: kept


def test_each_version_is_recorded_and_audited(live, office):
    version = apply(live, office)
    assert list(PlanVersion.objects.filter(plan=live).values_list("number", "source_name")) == [
        (1, "v1.txt"),
        (2, "v2.txt"),
    ]
    assert version.summary["added"] == version.summary["removed"] == 1
    assert version.summary["lines_closed"] == 1
    assert {c["kind"] for c in version.changes} == {"unchanged", "changed", "added", "removed"}
    event = AuditEvent.objects.get(action="plan.revise")
    assert (event.actor, event.after["version"], event.after["source_name"]) == (office, 2, "v2.txt")
    live.refresh_from_db()
    assert (live.source_name, live.status) == ("v2.txt", Plan.Status.PUBLISHED)


def test_a_second_revision_back_to_the_first_text_reopens_nothing_it_should_not(live, office):
    apply(live, office)
    live.refresh_from_db()
    apply(live, office, text=V1, name="v3.txt")
    assert PlanVersion.objects.filter(plan=live).count() == 3
    # 一/3 comes back as a new task; the closed one stays closed
    assert (
        Task.objects.filter(plan=live, text="建立健全信访举报工作机制。", closed_at__isnull=True).count() == 1
    )
    assert (
        Task.objects.filter(plan=live, text="建立健全信访举报工作机制。", closed_at__isnull=False).count()
        == 1
    )
    assert not Task.objects.filter(plan=live, text="推进以案促改工作。", closed_at__isnull=True).exists()


def test_the_same_tasks_again_are_refused(live, office):
    with pytest.raises(Refusal) as caught:
        apply(live, office, text=V1, name="again.txt")
    assert caught.value.code == "no_changes"
    assert not PlanVersion.objects.exists()


def test_a_unit_the_register_does_not_know_is_refused_and_nothing_written(live, office):
    with pytest.raises(Refusal) as caught:
        apply(live, office, text=V2.replace("区信访局", "区新设局"))
    assert caught.value.code == "unmatched_units"
    assert not PlanVersion.objects.exists() and not Task.objects.filter(plan=live, key="二/2").exists()


def test_only_the_office_of_the_region_revises_and_only_from_a_fresh_page(live, office):
    liaison = make_user(unit=Unit.objects.get(name="区纪委"), role=Role.LIAISON)
    with pytest.raises(PermissionDenied):
        revision_apply(
            actor=liaison, plan=live, file_name="v2.txt", data=V2.encode(), expected_version=live.version
        )
    with pytest.raises(StaleEdit):
        revision_apply(
            actor=office, plan=live, file_name="v2.txt", data=V2.encode(), expected_version=live.version - 1
        )
    assert not PlanVersion.objects.exists()
