"""看效果 / 查进度 / 问原因: the lines of a plan sorted by where they stand, counted, with what each bucket
shows — matched against hand-built lines (tests/supervision/conftest.py ``lines``)."""

from datetime import date

import pytest

from taizhang.supervision.models import AssignmentExplanation
from taizhang.supervision.review3 import (
    attach_effect,
    attach_explanations,
    attach_milestones,
    bucket_lines,
    review3_counts,
    review3_lines,
)

pytestmark = pytest.mark.django_db

TODAY = date(2021, 6, 20)


def _ids(queryset):
    return {line.pk for line in queryset}


def test_every_line_lands_in_the_bucket_built_for_it(city, lines):
    all_lines = review3_lines(user=city.office, plan=lines.plan, today=TODAY)
    assert _ids(bucket_lines(all_lines, "look")) == {lines.done_u1.pk, lines.ongoing_u2.pk}
    assert _ids(bucket_lines(all_lines, "check")) == {lines.progress_u1.pk}
    assert _ids(bucket_lines(all_lines, "ask")) == {
        lines.idle_u1.pk,
        lines.late_u2.pk,
        lines.late_ongoing.pk,
        lines.draft_u1.pk,
    }


def test_the_counts_match_the_buckets(city, lines):
    counts = review3_counts(review3_lines(user=city.office, plan=lines.plan, today=TODAY))
    assert (counts.look, counts.check, counts.ask, counts.total) == (2, 1, 4, 7)
    assert (counts.ask_explained, counts.ask_missing) == (0, 4)


def test_a_reason_counts_for_the_situation_it_was_given_for(city, lines):
    give = AssignmentExplanation.objects.create
    give(
        assignment=lines.idle_u1,
        situation="not_started",
        as_of=TODAY,
        reason="等待上级文件",
        given_by=city.liaison1,
    )
    # given while the line was not started: it does not answer why it is overdue now
    give(
        assignment=lines.late_u2,
        situation="not_started",
        as_of=date(2021, 3, 1),
        reason="人员调整",
        given_by=city.liaison2,
    )
    all_lines = review3_lines(user=city.office, plan=lines.plan, today=TODAY)
    counts = review3_counts(all_lines)
    assert (counts.ask_explained, counts.ask_missing) == (1, 3)
    missing = bucket_lines(all_lines, "ask", missing_only=True)
    assert _ids(missing) == {lines.late_u2.pk, lines.late_ongoing.pk, lines.draft_u1.pk}


def test_the_leader_sees_the_same_buckets_and_the_other_city_none(city, lines):
    leader = review3_counts(review3_lines(user=city.leader, plan=lines.plan, today=TODAY))
    assert leader == review3_counts(review3_lines(user=city.office, plan=lines.plan, today=TODAY))
    assert review3_counts(review3_lines(user=city.far_office, plan=lines.plan, today=TODAY)).total == 0


def test_look_shows_the_latest_accepted_narrative_and_the_accepted_files(city, lines):
    rows = list(bucket_lines(review3_lines(user=city.office, plan=lines.plan, today=TODAY), "look"))
    attach_effect(rows)
    done = next(r for r in rows if r.pk == lines.done_u1.pk)
    assert done.effect.narrative == "制度已出台并印发执行。" and done.effect.period_label == "2021年第二季度"
    assert done.evidence_count == 3


def test_check_shows_the_milestones_against_today_and_the_light(city, lines):
    rows = list(bucket_lines(review3_lines(user=city.office, plan=lines.plan, today=TODAY), "check"))
    attach_milestones(rows, today=TODAY)
    (line,) = rows
    assert [(m.title, late) for m, late in line.milestone_rows] == [("起草", False), ("印发", False)]
    assert line.light.color == "green"


def test_ask_shows_the_situation_and_the_current_reason(city, lines):
    AssignmentExplanation.objects.create(
        assignment=lines.late_u2,
        situation="overdue",
        as_of=TODAY,
        reason="资金未到位",
        given_by=city.liaison2,
    )
    rows = list(bucket_lines(review3_lines(user=city.office, plan=lines.plan, today=TODAY), "ask"))
    attach_explanations(rows, today=TODAY)
    by_pk = {row.pk: row for row in rows}
    assert by_pk[lines.late_u2.pk].situation == "overdue"
    assert by_pk[lines.late_u2.pk].explanation.reason == "资金未到位"
    assert by_pk[lines.idle_u1.pk].situation == "not_started" and by_pk[lines.idle_u1.pk].explanation is None
    assert by_pk[lines.late_ongoing.pk].situation == "overdue"


def test_the_page_details_cost_one_query_each(city, lines, django_assert_num_queries):
    all_lines = review3_lines(user=city.office, plan=lines.plan, today=TODAY)
    rows = list(all_lines)
    with django_assert_num_queries(1):
        attach_effect(rows)
    with django_assert_num_queries(2):  # the milestones, and the periods reported (the light's missed rule)
        attach_milestones(rows, today=TODAY)
    with django_assert_num_queries(1):
        attach_explanations(rows, today=TODAY)
