"""One explanation per line and reporting period (issue 13 item 4): the 问原因 bucket of the 看查问 page and
a warning on the same line read and write ``AssignmentExplanation`` alone — what the unit says in one place
is what the office sees in the other, and neither asks again for the same period. The city and its lines
are tests/supervision/conftest.py's (20 June 2021, quarterly reports: the period is 2021 Q2)."""

import importlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.urls import reverse

from taizhang.alerts.models import Alert
from taizhang.alerts.selectors import alert_get, alert_list
from taizhang.alerts.services import alert_explain
from taizhang.api.alerts import AlertOut
from taizhang.supervision.models import AssignmentExplanation
from taizhang.supervision.review3 import attach_explanations, bucket_lines, review3_counts, review3_lines
from taizhang.supervision.services import explanation_give
from tests.factories import make_alert
from tests.supervision.conftest import TODAY

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _asked(city, lines):
    all_lines = review3_lines(user=city.office, plan=lines.plan, today=TODAY)
    rows = list(bucket_lines(all_lines, "ask"))
    attach_explanations(rows, today=TODAY)
    return review3_counts(all_lines), {row.pk: row.explanation for row in rows}


def test_a_warning_answered_on_a_line_is_counted_and_shown_in_the_ask_bucket(city, lines):
    alert = make_alert(unit=city.u2, assignment=lines.late_u2, required="explain")
    alert_explain(actor=city.liaison2, alert=alert, explanation="资金未到位", expected_version=1)
    counts, shown = _asked(city, lines)
    assert (counts.ask, counts.ask_explained) == (4, 1)
    assert shown[lines.late_u2.pk].reason == "资金未到位"
    stored = Alert.objects.get(pk=alert.pk)
    assert (stored.explanation, stored.explained_at, stored.version) == ("", None, 2)  # one store only
    assert alert_get(user=city.office, pk=alert.pk).given.reason == "资金未到位"


def test_a_reason_given_on_the_ask_list_shows_on_the_lines_warning(city, lines):
    alert = make_alert(unit=city.u1, assignment=lines.idle_u1, required="explain")
    explanation_give(actor=city.liaison1, assignment=lines.idle_u1, reason="等待上级文件")
    seen = alert_get(user=city.office, pk=alert.pk)
    assert (seen.given.reason, seen.given.given_by) == ("等待上级文件", city.liaison1)
    listed = alert_list(user=city.office).get(pk=alert.pk)
    assert AlertOut.resolve_explained(listed) is True


def test_an_explanation_is_for_its_period_only(city, lines):
    """Given in Q1, it answers a warning raised in Q1 but not this quarter's question nor a Q2 warning."""
    AssignmentExplanation.objects.create(
        assignment=lines.idle_u1, situation="not_started", as_of=date(2021, 1, 1), reason="一季度的原因",
        given_by=city.liaison1,
    )  # fmt: skip
    counts, shown = _asked(city, lines)
    assert counts.ask_explained == 0 and shown[lines.idle_u1.pk] is None
    march = make_alert(
        unit=city.u1, assignment=lines.idle_u1, required="explain", state="closed",
        closed_at=datetime(2021, 4, 2, tzinfo=SHANGHAI), closed_how="cleared",
        raised_at=datetime(2021, 3, 15, 9, tzinfo=SHANGHAI),
    )  # fmt: skip
    april = make_alert(
        unit=city.u1, assignment=lines.idle_u1, required="explain", state="closed",
        closed_at=datetime(2021, 4, 2, tzinfo=SHANGHAI), closed_how="cleared",
        raised_at=datetime(2021, 4, 1, 0, 30, tzinfo=SHANGHAI),  # Q2 in Shanghai, still Q1 in UTC
    )  # fmt: skip
    june = make_alert(unit=city.u1, assignment=lines.idle_u1, required="explain")
    assert alert_get(user=city.office, pk=march.pk).given.reason == "一季度的原因"
    assert alert_get(user=city.office, pk=april.pk).given is None
    assert alert_get(user=city.office, pk=june.pk).given is None


def test_the_office_sees_the_same_answer_on_both_pages(client, city, lines):
    """The issue's sequence: the unit answers the warning; the 看查问 page no longer says 已说明 0."""
    alert = make_alert(unit=city.u2, assignment=lines.late_u2, required="explain")
    client.force_login(city.liaison2)
    url = reverse("alert_explain", args=[alert.pk])
    assert client.post(url, {"explanation": "资金未到位", "expected_version": 1}).status_code == 302
    client.force_login(city.office)
    review = client.get(reverse("plan_review3", args=[lines.plan.pk]), {"bucket": "ask"}).content.decode()
    assert "已说明 1，未说明 3" in review and "资金未到位" in review
    assert "资金未到位" in client.get(reverse("alert_detail", args=[alert.pk])).content.decode()


def test_the_migration_moves_a_warnings_answer_on_a_line_into_the_lines_store(city, lines):
    answered_at = datetime(2021, 6, 1, 9, tzinfo=SHANGHAI)
    on_line = make_alert(
        unit=city.u2, assignment=lines.late_u2, required="explain", explanation="旧的说明",
        explained_at=answered_at, explained_by=city.liaison2,
    )  # fmt: skip
    on_no_line = make_alert(
        unit=city.u2, required="explain", explanation="督办单的说明", explained_at=answered_at,
        explained_by=city.liaison2,
    )  # fmt: skip
    migration = importlib.import_module("taizhang.alerts.migrations.0005_line_explanations_to_one_store")
    migration.copy(apps, None)
    copied = AssignmentExplanation.objects.get(assignment=lines.late_u2)
    assert (copied.reason, copied.as_of, copied.given_by, copied.given_at) == (
        "旧的说明", date(2021, 4, 1), city.liaison2, answered_at,
    )  # fmt: skip
    assert Alert.objects.get(pk=on_line.pk).explanation == ""
    assert Alert.objects.get(pk=on_no_line.pk).explanation == "督办单的说明"
    assert alert_get(user=city.office, pk=on_line.pk).given.reason == "旧的说明"
