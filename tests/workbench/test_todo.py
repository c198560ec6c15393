"""What each role's 工作台 lists on a hand-built week (tests/workbench/conftest.py): which groups, which
items, in which order, scoped to the person's own unit or region, and what leaves the list once it is done."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from taizhang.workbench.todo import todo

TODAY = date(2021, 5, 10)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def groups(user) -> dict:
    return {group.key: group for group in todo(user=user, today=TODAY).groups}


def counts(user) -> dict[str, int]:
    return {key: group.count for key, group in groups(user).items()}


def test_a_liaison_sees_the_reports_owed_oldest_due_first_then_the_rest_of_the_units_work(week):
    mine = groups(week.liaison_a)
    assert list(mine) == [
        "reports_to_write", "orders_to_answer", "rectifications_due", "alerts_to_explain", "self_assessments",
        "instructions_to_answer",
    ]  # fmt: skip
    reports = mine["reports_to_write"]
    # old plan: Q1 (overdue since 10 April) and Q2 for both lines; new plan (published in April): Q2 only
    assert reports.count == 5
    assert [(i.detail, i.due, i.overdue) for i in reports.items] == [
        ("2020年旧方案", date(2021, 4, 10), True),
        ("2020年旧方案", date(2021, 7, 10), False),
        ("2021年新方案", date(2021, 7, 10), False),
    ]
    assert reports.items[0].title.startswith("2021年第一季度")
    assert [url for _, url in reports.items[0].links] == [
        f"/assignments/{week.line_a_old.pk}/reports/2021-01-01/",
        f"/assignments/{week.line_a_old2.pk}/reports/2021-01-01/",
    ]
    # a single line's period links straight to its report
    assert reports.items[2].url == f"/assignments/{week.line_a_new.pk}/reports/2021-04-01/"


def test_each_unit_sees_only_its_own_work(week):
    assert counts(week.liaison_b) == {
        "reports_to_write": 1, "orders_to_answer": 1, "rectifications_due": 0, "alerts_to_explain": 1,
        "self_assessments": 1, "instructions_to_answer": 0,
    }  # fmt: skip
    b = groups(week.liaison_b)
    assert b["alerts_to_explain"].items[0].title == "财政局的预警"
    assert b["orders_to_answer"].items[0].detail == "市财政局"
    assert "市发展和改革委员会" not in str([i.detail for g in b.values() for i in g.items])


def test_rectifications_most_overdue_first_closed_ones_gone(week):
    items = groups(week.liaison_a)["rectifications_due"].items
    assert [(i.title, i.overdue) for i in items] == [
        ("整改：采购台账不全", True),
        ("整改：公务接待超标", False),
    ]


def test_only_warnings_that_ask_for_an_explanation_are_listed(week):
    items = groups(week.liaison_a)["alerts_to_explain"].items
    assert [i.title for i in items] == ["连续两期未报送进展"]


def test_the_office_sees_its_regions_hand_overs_and_no_units_writing(week):
    assert counts(week.office) == {
        "reports_to_review": 0, "replies_to_read": 0, "closeouts_to_verify": 1, "scores_to_give": 0,
        "followed_news": 0,
    }  # fmt: skip
    assert groups(week.office)["closeouts_to_verify"].items[0].title == "整改：三重一大记录缺失"


def _submitted(week, title: str, day: int, region=None, by=None):
    """An assessment the office submitted for approval (待审批) on ``day`` May 2021."""
    from taizhang.assessment.models import Assessment
    from tests.factories import make_standard_version

    region = region or week.region
    version = make_standard_version(region=region, created_by=week.office)
    return Assessment.objects.create(
        region=region, year=2021, title=title, standard_version=version, created_by=week.office,
        state=Assessment.State.PENDING, submitted_by=by or week.office,
        submitted_at=datetime(2021, 5, day, 9, tzinfo=SHANGHAI),
    )  # fmt: skip


def test_a_leader_has_nothing_to_approve_until_the_office_submits(week):
    assert counts(week.leader) == {"assessments_to_approve": 0, "followed_news": 0}


def test_a_leader_sees_the_assessments_waiting_for_approval_in_the_region_oldest_first(week):
    from tests.factories import make_region

    newer = _submitted(week, "2021年度考核（补充）", 8)
    older = _submitted(week, "2020年度考核", 3)
    _submitted(week, "外市考核", 1, region=make_region(name="邻市"))  # a region the leader does not cover
    _submitted(week, "领导本人提交的考核", 2, by=week.leader)  # another leader decides it
    group = groups(week.leader)["assessments_to_approve"]
    assert group.count == 2 and [item.title for item in group.items] == [older.title, newer.title]
    assert group.items[0].url == f"/assessment/{older.pk}/" and "2021-05-03" in str(group.items[0].detail)
    assert "assessments_to_approve" not in counts(week.office)  # the office submits, it does not approve


def test_an_approved_assessment_leaves_the_leaders_list(week):
    from taizhang.assessment.services import assessment_approve

    pending = _submitted(week, "2020年度考核", 3)
    assessment_approve(actor=week.leader, assessment=pending, expected_version=pending.version)
    assert counts(week.leader) == {"assessments_to_approve": 0, "followed_news": 0}


def test_a_report_moves_from_the_liaison_to_the_head_to_the_office_and_leaves(week):
    from taizhang.reports.models import ProgressReport
    from taizhang.reports.periods import period_for
    from taizhang.reports.services import report_save
    from taizhang.reports.workflow import report_accept, report_approve

    q1 = period_for(date(2021, 1, 1), "quarter")
    report, _ = report_save(
        actor=week.liaison_a, assignment=week.line_a_old, period=q1, status="in_progress",
        narrative="已推进。", submit=True,
    )  # fmt: skip
    assert counts(week.liaison_a)["reports_to_write"] == 4
    assert len(groups(week.liaison_a)["reports_to_write"].items[0].links) == 1
    head = groups(week.head_a)["reports_to_review"]
    assert (head.title, head.count) == ("待审核报送", 1)
    assert counts(week.office)["reports_to_review"] == 0  # not the office's until the head approves
    report = report_approve(actor=week.head_a, report=report, expected_version=report.version)
    assert counts(week.head_a)["reports_to_review"] == 0
    office = groups(week.office)["reports_to_review"]
    assert (office.title, office.count) == ("待通过报送", 1)
    assert office.items[0].url == f"/assignments/{week.line_a_old.pk}/reports/2021-01-01/"
    report_accept(
        actor=week.office, report=ProgressReport.objects.get(pk=report.pk), expected_version=report.version
    )
    assert counts(week.office)["reports_to_review"] == 0
    assert counts(week.liaison_a)["reports_to_write"] == 4


def test_a_returned_report_is_to_write_again_and_says_so(week):
    from taizhang.reports.periods import period_for
    from taizhang.reports.services import report_save
    from taizhang.reports.workflow import report_return

    q1 = period_for(date(2021, 1, 1), "quarter")
    report, _ = report_save(
        actor=week.liaison_a, assignment=week.line_a_old, period=q1, status="in_progress",
        narrative="已推进。", submit=True,
    )  # fmt: skip
    report_return(actor=week.head_a, report=report, expected_version=report.version, reason="请补充佐证材料")
    first = groups(week.liaison_a)["reports_to_write"].items[0]
    assert len(first.links) == 2 and first.note == "其中 1 项已退回"


def test_an_answered_order_goes_to_the_office_and_leaves_both_once_accepted(week):
    from taizhang.supervision.services.replies import order_accept, order_reply

    recipient = week.order.recipients.get(unit=week.unit_a)
    recipient = order_reply(
        actor=week.liaison_a,
        recipient=recipient,
        text="已按要求整改完毕。",
        expected_version=recipient.version,
    )
    assert counts(week.liaison_a)["orders_to_answer"] == 0
    assert counts(week.head_a)["orders_to_answer"] == 0  # the head acts for the same unit
    assert counts(week.liaison_b)["orders_to_answer"] == 1
    replies = groups(week.office)["replies_to_read"]
    assert replies.count == 1 and replies.items[0].url.endswith(f"#reply-{recipient.pk}")
    order_accept(actor=week.office, recipient=recipient, expected_version=recipient.version)
    assert counts(week.office)["replies_to_read"] == 0


def test_an_explained_warning_leaves_the_list(week):
    from taizhang.alerts.services import alert_explain

    alert_explain(
        actor=week.liaison_a,
        alert=week.alert_red,
        explanation="已补报。",
        expected_version=week.alert_red.version,
    )
    assert counts(week.liaison_a)["alerts_to_explain"] == 0


def test_a_submitted_self_assessment_becomes_the_offices_score_to_give(week):
    from taizhang.assessment.services.scores import self_assessment_submit, self_score_save

    assessed = week.assessed[week.unit_a]
    score = assessed.scores.get()
    self_score_save(
        actor=week.liaison_a, score=score, value="38", reason="少一次专题会", expected_version=score.version
    )
    assessed.refresh_from_db()
    self_assessment_submit(actor=week.liaison_a, assessed=assessed, expected_version=assessed.version)
    assert counts(week.liaison_a)["self_assessments"] == 0
    assert counts(week.liaison_b)["self_assessments"] == 1
    scores = groups(week.office)["scores_to_give"]
    assert scores.count == 1 and scores.items[0].url == f"/assessment/units/{assessed.pk}/"


def test_a_closeout_leaves_the_office_once_verified(week):
    from taizhang.rectification.workflow import rectification_close

    item = week.rect_asked
    rectification_close(
        actor=week.office, item=item, verification_note="核查属实。", expected_version=item.version
    )
    assert counts(week.office)["closeouts_to_verify"] == 0


@pytest.mark.parametrize("limit", [1])
def test_a_long_group_shows_its_first_items_and_a_link_to_the_rest(week, limit):
    group = {g.key: g for g in todo(user=week.liaison_a, today=TODAY, limit=limit).groups}[
        "rectifications_due"
    ]
    assert group.count == 2 and len(group.items) == 1 and group.more
