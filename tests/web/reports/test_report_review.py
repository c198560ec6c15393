"""report_review: approve, accept or return one report from the review queue. With htmx the row is answered
and swapped in place; a refusal is a clear bilingual message in that row, never a 500, and changes nothing."""

import pytest
from django.urls import reverse

from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
from tests.web.reports.helpers import edit_url, htmx, page

pytestmark = pytest.mark.django_db


def _review(client, report, action, *, version=None, reason="", hx=True):
    data = {"action": action, "expected_version": version or report.version, "reason": reason}
    return client.post(reverse("report_review", args=[report.pk]), data, headers=htmx() if hx else {})


def _state(report) -> str:
    return ProgressReport.objects.get(pk=report.pk).review_state


def test_unit_head_approves_and_the_row_updates_in_place(client, town, q1_submitted):
    client.force_login(town.head_a)
    response = _review(client, q1_submitted, "approve")
    html = page(response)
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="report-{q1_submitted.pk}">') and "<html" not in html
    assert "单位已审核" in html and "已审核，报惩防办" in html
    assert 'value="approve"' not in html  # no longer waits for this head
    assert _state(q1_submitted) == ReviewState.APPROVED


def test_the_office_accepts(client, town, q1_approved):
    client.force_login(town.admin)
    html = page(_review(client, q1_approved, "accept"))
    assert "已通过" in html
    assert _state(q1_approved) == ReviewState.ACCEPTED


def test_the_office_returns_with_a_reason_and_the_liaison_sees_it_and_edits_again(client, town, q1_approved):
    client.force_login(town.admin)
    html = page(_review(client, q1_approved, "return", reason="请补充会议纪要。"))
    assert "已退回" in html
    assert _state(q1_approved) == ReviewState.RETURNED
    assert ReportStep.objects.get(report=q1_approved, to_state="returned").reason == "请补充会议纪要。"
    client.force_login(town.liaison_a)
    report_page = page(client.get(edit_url(town.line_a1)))
    assert "请补充会议纪要。" in report_page and 'name="narrative"' in report_page


def test_the_unit_head_returns_a_submitted_report(client, town, q1_submitted):
    client.force_login(town.head_a)
    _review(client, q1_submitted, "return", reason="进展情况过于简略。")
    assert _state(q1_submitted) == ReviewState.RETURNED


@pytest.mark.parametrize("reason", ["", "   "])
def test_return_without_a_reason_is_refused(client, town, q1_approved, reason):
    client.force_login(town.admin)
    html = page(_review(client, q1_approved, "return", reason=reason))
    assert "退回须说明理由" in html and "needs a reason" not in html
    assert _state(q1_approved) == ReviewState.APPROVED
    assert 'value="accept"' in html  # still waiting: the actions are offered again


def test_a_stale_decision_is_refused_with_a_message(client, town, q1_submitted):
    client.force_login(town.head_a)
    html = page(_review(client, q1_submitted, "approve", version=q1_submitted.version - 1))
    assert "已被他人修改" in html and "reload" not in html
    assert _state(q1_submitted) == ReviewState.SUBMITTED


def test_a_step_the_state_does_not_allow_is_refused_with_a_message(client, town, q1_approved):
    client.force_login(town.head_a)  # approving twice
    html = page(_review(client, q1_approved, "approve"))
    assert "不能审核" in html and "cannot be approved" not in html
    assert _state(q1_approved) == ReviewState.APPROVED


def test_the_office_may_not_approve_for_the_unit_head(client, town, q1_submitted):
    client.force_login(town.admin)
    response = _review(client, q1_submitted, "approve")
    assert response.status_code == 200
    assert "单位负责人" in page(response) and "Only the unit&#x27;s head" not in page(response)
    assert _state(q1_submitted) == ReviewState.SUBMITTED


def test_without_htmx_the_list_is_shown_again_with_the_outcome(client, town, q1_submitted):
    client.force_login(town.head_a)
    response = _review(client, q1_submitted, "return", hx=False)
    assert response.status_code == 302 and response["Location"] == reverse("review_list")
    assert "退回须说明理由" in page(client.get(response["Location"]))
    response = _review(client, q1_submitted, "approve", hx=False)
    assert "已审核" in page(client.get(response["Location"]))
    assert _state(q1_submitted) == ReviewState.APPROVED


def test_out_of_scope_is_404(client, town, q1_submitted):
    from taizhang.accounts.models import Role
    from tests.factories import make_user

    client.force_login(make_user(role=Role.UNIT_HEAD))  # the head of some other unit
    assert _review(client, q1_submitted, "approve").status_code == 404
    assert _state(q1_submitted) == ReviewState.SUBMITTED


def test_an_unknown_action_changes_nothing(client, town, q1_submitted):
    client.force_login(town.head_a)
    html = page(_review(client, q1_submitted, "delete"))
    assert "errorlist" in html
    assert _state(q1_submitted) == ReviewState.SUBMITTED
