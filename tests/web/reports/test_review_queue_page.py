"""The review queue page (审核) as the office works it: filters, sorts, pages of 50 with the filters kept,
htmx partial answers, 批量审核 of the ticked rows, and a cost in queries that does not grow with the page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.accounts.services import role_grant
from taizhang.reports.models import ProgressReport, ReviewState
from tests.factories import make_assignment, make_plan, make_report, make_user
from tests.web.reports.helpers import htmx, page

pytestmark = pytest.mark.django_db

_S = ReviewState
Q1 = {"period_start": date(2021, 1, 1), "period_end": date(2021, 3, 31), "period_label": "2021年第一季度"}
Q2 = {"period_start": date(2021, 4, 1), "period_end": date(2021, 6, 30), "period_label": "2021年第二季度"}
JAN = {"period_start": date(2021, 1, 1), "period_end": date(2021, 1, 31), "period_label": "2021年1月"}


@pytest.fixture
def desk(town):
    """What waits for the town's office: unit A's Q1 report (late) and B's Q2 report on the main plan, B's
    January report on a second plan; and what does not: A's submitted Q2 report, B's accepted Q1 one."""
    other = make_plan(region=town.region, title="另一个方案")
    line = make_assignment(task=other.tasks.first(), unit=town.unit_b)
    r = {
        "a_q1": make_report(assignment=town.line_a1, review_state=_S.APPROVED, late=True, **Q1),
        "b_q2": make_report(assignment=town.line_b2, review_state=_S.APPROVED, **Q2),
        "b_jan": make_report(assignment=line, review_state=_S.APPROVED, **JAN),
        "a_q2": make_report(assignment=town.line_a1, review_state=_S.SUBMITTED, **Q2),
        "b1_q1": make_report(assignment=town.line_b1, review_state=_S.ACCEPTED, **Q1),
    }
    return town, other, r


def _ids(response) -> list[int]:
    return [row.pk for row in response.context["rows"]]


def test_the_office_sees_its_queue_oldest_period_first(client, desk):
    town, _, r = desk
    client.force_login(town.admin)
    response = client.get(reverse("review_list"))
    # January and the first quarter both begin on 1 January: one period after the other, then the line
    assert _ids(response) == [r["b_jan"].pk, r["a_q1"].pk, r["b_q2"].pk]
    assert "共 3 项待审核" in page(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("plan={other}", ["b_jan"]),
        ("unit={unit_b}", ["b_jan", "b_q2"]),
        ("period=2021-01-01|2021年第一季度", ["a_q1"]),
        ("late=yes", ["a_q1"]),
        ("late=no", ["b_jan", "b_q2"]),
        ("unit={unit_b}&late=yes", []),
        ("plan=999999", ["b_jan", "a_q1", "b_q2"]),  # not a choice: dropped, never widening or failing
    ],
)
def test_each_filter_narrows_the_queue(client, desk, query, expected):
    town, other, r = desk
    client.force_login(town.admin)
    url = reverse("review_list") + "?" + query.format(other=other.pk, unit_b=town.unit_b.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert _ids(response) == [r[key].pk for key in expected]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("unit", ["a_q1", "b_jan", "b_q2"]),  # A before B, then oldest period
        ("due", ["b_jan", "a_q1", "b_q2"]),  # January is due before the first quarter
        ("plan", ["a_q1", "b_q2", "b_jan"]),  # the main plan (older) first
    ],
)
def test_the_queue_sorts_by_unit_due_date_or_plan(client, desk, sort, expected):
    town, _, r = desk
    client.force_login(town.admin)
    assert _ids(client.get(reverse("review_list") + f"?sort={sort}")) == [r[key].pk for key in expected]


def test_the_filters_offer_the_periods_plans_and_units_of_the_queue(client, desk):
    town, other, _ = desk
    client.force_login(town.admin)
    form = client.get(reverse("review_list")).context["form"]
    assert [label for _, label in form.fields["period"].choices][1:] == [
        "2021年1月",
        "2021年第一季度",
        "2021年第二季度",
    ]
    assert {pk for pk, _ in form.fields["plan"].choices[1:]} == {town.plan.pk, other.pk}
    assert {pk for pk, _ in form.fields["unit"].choices[1:]} == {town.unit_a.pk, town.unit_b.pk}
    assert "state" not in form.fields  # one queue for the office: nothing to choose


def _many(town, n: int) -> list[ProgressReport]:
    plan = make_plan(region=town.region, tasks_per_section=n)
    return [
        make_report(assignment=make_assignment(task=task, unit=town.unit_a), review_state=_S.APPROVED, **Q1)
        for task in plan.tasks.order_by("order")
    ]


def test_pages_of_50_keep_the_filters_in_their_links_and_htmx_gets_the_results_only(client, town):
    _many(town, 55)
    client.force_login(town.admin)
    first = client.get(reverse("review_list") + f"?unit={town.unit_a.pk}&sort=unit")
    assert len(first.context["rows"]) == 50 and "第 1 / 2 页" in page(first)
    link = f"?unit={town.unit_a.pk}&amp;sort=unit&amp;page=2"
    assert f'href="{link}"' in page(first) and f'hx-get="{link}"' in page(first)
    second = client.get(reverse("review_list") + f"?unit={town.unit_a.pk}&sort=unit&page=2", headers=htmx())
    assert len(second.context["rows"]) == 5
    assert "<html" not in page(second) and 'id="review-results"' in page(second)
    assert second["Vary"] and "HX-Request" in second["Vary"]


def test_a_long_queue_is_counted_up_to_the_cap_and_says_so(client, town, monkeypatch):
    monkeypatch.setattr("taizhang.reports.views.review.COUNT_CAP", 4)
    monkeypatch.setattr("taizhang.reports.views.review.PER_PAGE", 2)
    _many(town, 6)
    client.force_login(town.admin)
    response = client.get(reverse("review_list"))
    assert "超过 4 项待审核" in page(response) and response.context["page"].paginator.num_pages == 2


def test_the_page_costs_the_same_queries_for_5_or_50_rows(client, town):
    client.force_login(town.admin)
    counts = []
    for n in (5, 45):
        _many(town, n)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("review_list"))
        counts.append(len(queries))
    assert len(response.context["rows"]) == 50
    assert counts[0] == counts[1] <= 16, counts  # session, user, grants, choices, count, ids, rows, files…


def _batch(client, ids_versions, action="pass", reason="", query="", **kw):
    body = {"action": action, "reason": reason, "report": [f"{pk}.{v}" for pk, v in ids_versions]}
    return client.post(reverse("review_batch") + query, body, **kw)


def _state(report):
    return ProgressReport.objects.get(pk=report.pk).review_state


def test_the_office_passes_the_ticked_rows_and_returns_to_its_filters(client, desk):
    town, _, r = desk
    client.force_login(town.admin)
    query = f"?unit={town.unit_b.pk}&page=1"
    response = _batch(client, [(r["b_q2"].pk, 1), (r["b_jan"].pk, 1)], query=query)
    assert response.status_code == 302 and response["Location"] == reverse("review_list") + query
    assert _state(r["b_q2"]) == _state(r["b_jan"]) == _S.ACCEPTED and _state(r["a_q1"]) == _S.APPROVED
    assert "已通过 2 份报送" in page(client.get(response["Location"]))


def test_one_reason_returns_the_ticked_rows_with_htmx_answering_the_results(client, desk):
    town, _, r = desk
    client.force_login(town.admin)
    items = [(r["a_q1"].pk, 1), (r["b_q2"].pk, 1)]
    response = _batch(client, items, action="return", reason="请补充佐证材料。", headers=htmx())
    assert response.status_code == 200 and "已退回 2 份报送" in page(response)
    assert _ids(response) == [r["b_jan"].pk]  # what still waits
    assert _state(r["a_q1"]) == _state(r["b_q2"]) == _S.RETURNED


def test_a_mixed_batch_is_refused_row_by_row_and_nothing_is_decided(client, desk):
    town, _, r = desk
    client.force_login(town.admin)
    items = [(r["a_q1"].pk, 1), (r["b_q2"].pk, 1), (r["b1_q1"].pk, 1), (r["b_jan"].pk, 7)]
    response = _batch(client, items)
    html = page(response)
    assert response.status_code == 422
    assert "所选 4 份报送中有 2 份不能处理" in html
    refused = {row.pk: row.refusal for row in response.context["rows"]}
    assert refused[r["b_jan"].pk] and not refused[r["a_q1"].pk]  # the stale one is named on its row
    assert all(row.ticked for row in response.context["rows"] if row.pk in (r["a_q1"].pk, r["b_q2"].pk))
    assert [_state(r[k]) for k in ("a_q1", "b_q2", "b1_q1", "b_jan")] == [
        _S.APPROVED, _S.APPROVED, _S.ACCEPTED, _S.APPROVED
    ]  # fmt: skip


def test_a_return_without_a_reason_is_refused_and_nothing_is_returned(client, desk):
    town, _, r = desk
    client.force_login(town.admin)
    response = _batch(client, [(r["a_q1"].pk, 1)], action="return", reason=" ")
    assert response.status_code == 422 and "退回须说明理由" in page(response)
    assert _state(r["a_q1"]) == _S.APPROVED


def test_a_unit_cannot_batch_accept(client, desk):
    town, _, r = desk
    client.force_login(town.liaison_a)
    assert _batch(client, [(r["a_q1"].pk, 1)]).status_code == 403
    client.force_login(town.head_a)  # the unit's head: what waits for the office is not theirs
    response = _batch(client, [(r["a_q1"].pk, 1)])
    assert response.status_code == 422 and _state(r["a_q1"]) == _S.APPROVED


def test_a_unit_head_passes_their_units_submitted_reports_as_approved(client, desk):
    town, _, r = desk
    client.force_login(town.head_a)
    assert _ids(client.get(reverse("review_list"))) == [r["a_q2"].pk]
    assert _batch(client, [(r["a_q2"].pk, 1)]).status_code == 302
    assert _state(r["a_q2"]) == _S.APPROVED


def test_select_all_on_the_page_without_javascript_ticks_every_row(client, desk):
    town, _, _ = desk
    client.force_login(town.admin)
    response = client.get(reverse("review_list") + "?select=page")
    assert all(row.ticked for row in response.context["rows"])
    assert page(response).count('form="review-batch" aria-label') == page(response).count(" checked>") == 3


def test_a_user_with_both_queues_can_choose_one(client, desk):
    town, _, r = desk
    both = make_user(unit=town.unit_a, role=Role.UNIT_HEAD)
    role_grant(user=both, role=Role.OFFICE_ADMIN, unit=None, region=town.region, actor=None)
    client.force_login(both)
    assert len(_ids(client.get(reverse("review_list")))) == 4
    assert _ids(client.get(reverse("review_list") + "?state=submitted")) == [r["a_q2"].pk]
    assert len(_ids(client.get(reverse("review_list") + "?state=approved"))) == 3
