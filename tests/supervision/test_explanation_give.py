"""explanation_give: the unit states why a line is not started or overdue; the situation is the line's own
today, by the rule of the 看查问 buckets. Lines in progress or done have nothing to explain."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.supervision.models import AssignmentExplanation
from taizhang.supervision.services import explanation_give
from tests.factories import make_assignment, make_plan

pytestmark = pytest.mark.django_db


def test_a_not_started_line_gets_its_reason_for_the_quarter_of_today(city, lines):
    explanation = explanation_give(actor=city.liaison1, assignment=lines.idle_u1, reason=" 等待上级文件 ")
    assert (explanation.situation, explanation.as_of, explanation.reason) == (
        "not_started",
        date(2021, 4, 1),  # 20 June 2021 falls in the plan's second quarter: what is explained
        "等待上级文件",
    )
    assert explanation.given_by == city.liaison1
    assert AuditEvent.objects.get(action="explanation.give").after["reason"] == "等待上级文件"


def test_an_overdue_line_is_explained_as_overdue_by_its_head(city, lines):
    assert (
        explanation_give(actor=city.head2, assignment=lines.late_u2, reason="资金未到位").situation
        == "overdue"
    )


def test_every_statement_is_kept(city, lines):
    explanation_give(actor=city.liaison1, assignment=lines.idle_u1, reason="第一次")
    explanation_give(actor=city.liaison1, assignment=lines.idle_u1, reason="第二次")
    assert list(
        AssignmentExplanation.objects.filter(assignment=lines.idle_u1).values_list("reason", flat=True)
    ) == [
        "第二次",
        "第一次",
    ]


@pytest.mark.parametrize("line", ["done_u1", "progress_u1"])
def test_a_line_done_or_in_progress_has_nothing_to_explain(city, lines, line):
    with pytest.raises(Refusal) as refused:
        explanation_give(actor=city.liaison1, assignment=getattr(lines, line), reason="无")
    assert refused.value.code == "nothing_to_explain"
    assert not AssignmentExplanation.objects.exists()


def test_a_blank_reason_is_refused(city, lines):
    with pytest.raises(Refusal):
        explanation_give(actor=city.liaison1, assignment=lines.idle_u1, reason="  ")


@pytest.mark.parametrize("who", ["liaison2", "office", "leader"])
def test_only_the_lines_own_unit_explains(city, lines, who):
    with pytest.raises(PermissionDenied):
        explanation_give(actor=getattr(city, who), assignment=lines.idle_u1, reason="代为说明")


def test_a_line_of_a_draft_plan_is_refused(city):
    line = make_assignment(task=make_plan(region=city.region, status="draft").tasks.first(), unit=city.u1)
    with pytest.raises(Refusal) as refused:
        explanation_give(actor=city.liaison1, assignment=line, reason="无")
    assert refused.value.code == "plan_closed"
