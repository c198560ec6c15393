"""The scoring rules on a hand-built year (issue 13 item 2): the starting template's indicators, one unit
that worked (decomposed, reported, once late, once returned, finished its line) and one that never
decomposed nor reported. Both get the same manual scores, so only the data tells them apart."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from taizhang.assessment import services
from taizhang.assessment.models import Score
from taizhang.assessment.selectors import ranking_rows, score_sheet
from taizhang.assessment.template import standard_create_from_template
from taizhang.reports.models import ReportStep, ReviewState
from tests.assessment.scene import approve_and_publish
from tests.factories import make_milestone, make_report

QUARTERS = [
    (date(2020, 1, 1), date(2020, 3, 31), "2020年第一季度"),
    (date(2020, 4, 1), date(2020, 6, 30), "2020年第二季度"),
    (date(2020, 7, 1), date(2020, 9, 30), "2020年第三季度"),
    (date(2020, 10, 1), date(2020, 12, 31), "2020年第四季度"),
]
MANUAL = {"3.1": (8, "制度执行记录不全"), "3.2": (6, "宣传教育材料少"), "3.3": (5, "无创新做法")}


def _year(scene):
    """The working unit U1's 2020 and the idle unit U2's (nothing at all), scored and computed."""
    for line in (scene.line1, scene.line2):
        line.deadline = date(2020, 12, 31)
        line.save()
    make_milestone(assignment=scene.line1, due_date=date(2020, 6, 30), done_date=date(2020, 6, 20))
    make_milestone(assignment=scene.line1, due_date=date(2020, 9, 30), done_date=date(2020, 10, 9))
    for n, (start, end, label) in enumerate(QUARTERS):
        report = make_report(
            assignment=scene.line1, period_start=start, period_end=end, period_label=label,
            status="done" if n == 3 else "in_progress", review_state=ReviewState.ACCEPTED, late=n == 1,
        )  # fmt: skip
        if n == 2:
            ReportStep.objects.create(
                report=report, from_state="submitted", to_state="returned", actor=scene.head1, reason="补充"
            )
    standard = standard_create_from_template(actor=scene.office, region=scene.region, name="模板标准")
    version = standard.versions.get()
    services.version_release(actor=scene.office, version=version, expected_version=version.version)
    a = services.assessment_create(
        actor=scene.office, region=scene.region, year=2020, title="2020年度考核", standard_version=version,
        units=[scene.u1, scene.u2],
    )  # fmt: skip
    for score in Score.objects.filter(assessed__assessment=a, indicator__method="manual").select_related(
        "indicator", "assessed__assessment"
    ):
        points, reason = MANUAL[score.indicator.code]
        services.assessor_score_save(
            actor=scene.office, score=score, value=points, reason=reason, expected_version=score.version
        )
    a.refresh_from_db()
    return services.assessment_compute(actor=scene.office, assessment=a, expected_version=a.version)


@pytest.fixture
def year(scene):
    return _year(scene)


def _rules(assessment, unit) -> dict[str, tuple]:
    row = assessment.units.get(unit=unit)
    return {s.indicator.code: (s.applies, s.rule, s.final) for s in row.scores.select_related("indicator")}


def test_the_idle_unit_owes_the_points_it_did_not_earn_and_ranks_below_the_working_unit(scene, year):
    idle = _rules(year, scene.u2)
    assert idle["1.1"] == (True, "rate", Decimal(0))  # its line was due and is not done
    assert idle["1.3"] == (True, "rate", Decimal(0))  # 4 reports owed, none sent
    assert idle["1.4"] == (True, "owed_none_sent", Decimal(0))  # never returned: it never sent one
    assert idle["1.2"][:2] == (False, "none_due")  # no milestone due: left out
    assert idle["2.2"][:2] == (False, "not_inspected")  # no finding because nobody looked: left out
    assert idle["2.3"][:2] == (False, "none_due")  # no rectification due: not thereby perfect
    assert idle["1.5"][:2] == (False, "none_due")  # never rated as a cooperating unit
    assert idle["2.4"][:2] == (False, "none_due")  # no 民主测评 closed in the year: left out
    assert idle["2.5"][:2] == (False, "not_rechecked")  # no relapse because nobody re-checked: left out
    assert idle["3.1"] == (True, "assessor", Decimal(8))
    # applicable: 1.1 (20) 1.3 (10) 1.4 (5) 3.x (20) = 55 points; earned 19 → 19 × 100 / 55
    assert year.units.get(unit=scene.u2).total == Decimal("34.55")
    working = _rules(year, scene.u1)
    assert working["1.1"] == (True, "rate", Decimal(20))
    assert working["1.2"] == (True, "rate", Decimal(5))  # one of two milestones on time
    assert working["1.3"] == (True, "rate", Decimal("7.50"))  # three of four on time
    assert working["1.4"] == (True, "deduct", Decimal("4.50"))  # returned once, 0.5 a return
    # applicable: 65 points; earned 20 + 5 + 7.5 + 4.5 + 19 = 56 → 86.15
    assert year.units.get(unit=scene.u1).total == Decimal("86.15")
    published = approve_and_publish(
        services.assessment_to_review(actor=scene.office, assessment=year, expected_version=year.version),
        office=scene.office, leader=scene.leader,
    )  # fmt: skip
    ranks = {
        row["unit_id"]: (row["rank"], row["grade"])
        for row in ranking_rows(user=scene.leader, assessment=published)
    }
    assert ranks == {scene.u1.pk: (1, "good"), scene.u2.pk: (2, "poor")}


def test_a_unit_reads_which_rule_gave_each_score_and_the_rules_in_words(scene, year):
    assessed = year.units.get(unit=scene.u2)
    rows, _summary = score_sheet(user=scene.liaison2, assessed=assessed)
    by_code = {row.code: row for row in rows}
    assert by_code["1.4"].applied == "应报未报，本项不得分"
    assert "不计入" in by_code["2.2"].applied and "未接受检查" in by_code["2.2"].rule
    assert by_code["3.1"].applied == ""  # the assessors' decision is not shown before publication
    page = Client()
    page.force_login(scene.liaison2)
    body = page.get(f"/assessment/units/{assessed.pk}/").content.decode()
    assert "应报未报，本项不得分" in body and "评分规则" in body and "总分按适用指标折算" in body
    assert "评分中" in body  # no rank, no grade
    office = Client()
    office.force_login(scene.office)
    standard = office.get(f"/assessment/standards/versions/{year.standard_version_id}/").content.decode()
    assert "评分规则" in standard and "没有问题不等于整改满分" in standard  # 2.3's rule, in words
    assert "每被退回一次扣 0.5 分" in standard and "一份未报的，本项得 0 分" in standard


def test_while_being_scored_nobody_sees_a_rank_or_a_grade_on_the_page_export_or_api(scene, year):
    rows = ranking_rows(user=scene.office, assessment=year)
    assert {(row["rank"], row["grade"]) for row in rows} == {(None, "")}
    assert {row["total"] for row in rows} == {"86.15", "34.55"}  # provisional totals, the office side's
    office = Client()
    office.force_login(scene.office)
    page = office.get(f"/assessment/{year.pk}/").content.decode()
    assert (
        "评分中" in page and "良好" not in page and "较差" not in page and 'id="assessment-data"' not in page
    )
    sheet = load_workbook(io.BytesIO(office.get(f"/assessment/{year.pk}/scores.xlsx").content)).active
    body = [[c.value for c in row] for row in sheet.iter_rows()][3:]
    assert {tuple(row[-2:]) for row in body} == {("评分中", "评分中")}
    assert "不计入" in body[0] or "不计入" in body[1]
    data = office.get(f"/api/v1/assessments/{year.pk}").json()
    assert data["ranked"] is False and {(r["rank"], r["grade"]) for r in data["ranking"]} == {(None, "")}
