"""report_periods: every reporting period of a line with its report's state, due date and late mark."""

from datetime import date

import pytest
from django.urls import reverse

from tests.web.reports.helpers import edit_url, page

pytestmark = pytest.mark.django_db


def _get(client, line):
    return client.get(reverse("report_periods", args=[line.pk]))


def test_periods_begun_are_listed_newest_first_with_due_dates_and_links(client, town, clock):
    clock(date(2021, 8, 1))
    client.force_login(town.liaison_a)
    response = _get(client, town.line_a1)
    html = page(response)
    assert response.status_code == 200
    assert [row.period.label for row in response.context["begun"]] == [
        "2021年第三季度",
        "2021年第二季度",
        "2021年第一季度",
    ]
    assert "2021-04-10" in html and "2021-07-10" in html and "2021-10-10" in html
    assert edit_url(town.line_a1, date(2021, 7, 1)) in html
    assert "2025年第四季度" in html  # periods to come are named, without a link
    assert edit_url(town.line_a1, date(2025, 10, 1)) not in html


def test_each_period_shows_its_report_state(client, town, q1_submitted):
    client.force_login(town.liaison_a)
    html = page(_get(client, town.line_a1))
    assert "已报送" in html and "推进中" in html


def test_an_unsent_period_past_its_due_date_is_marked(client, town, clock):
    clock(date(2021, 4, 11))
    client.force_login(town.liaison_a)
    assert "逾期未报" in page(_get(client, town.line_a1))


def test_a_late_report_is_marked_late(client, town, q1_draft, clock):
    from taizhang.reports.workflow import report_submit

    clock(date(2021, 4, 20))
    report_submit(actor=town.liaison_a, report=q1_draft, expected_version=q1_draft.version)
    client.force_login(town.liaison_a)
    html = page(_get(client, town.line_a1))
    assert "逾期报送" in html and "逾期未报" not in html


def test_the_lead_unit_does_not_see_a_cooperating_units_draft(client, town):
    from taizhang.reports.periods import period_for
    from taizhang.reports.services import report_save_draft

    report_save_draft(
        actor=town.liaison_b,
        assignment=town.line_b1,
        period=period_for(date(2021, 1, 1), town.plan.report_cadence),
        status="done",
        narrative="草稿",
    )
    client.force_login(town.liaison_a)
    row = _get(client, town.line_b1).context["begun"][0]
    assert row.report is None


def test_another_units_liaison_gets_404(client, town):
    client.force_login(town.liaison_b)
    assert _get(client, town.line_a1).status_code == 404


def test_a_draft_plans_line_is_404_to_the_unit(client, town):
    client.force_login(town.liaison_a)
    assert _get(client, town.line_a_draft).status_code == 404
