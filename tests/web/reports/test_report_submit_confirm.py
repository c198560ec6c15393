"""报送 asks first: to whom the report goes (the unit's heads) and that it locks; a POST without the
confirmation saves nothing and sends nothing, and the confirmation page carries what was typed."""

import pytest

from taizhang.reports.models import ProgressReport
from tests.web.reports.helpers import edit_url, page

pytestmark = pytest.mark.django_db


def test_the_saved_draft_is_confirmed_by_get_naming_the_unit_heads(client, town, q1_draft):
    client.force_login(town.liaison_a)
    html = page(client.get(edit_url(town.line_a1) + "?action=submit"))
    assert f"将报送至{town.line_a1.unit.name}单位负责人审批" in html and str(town.head_a) in html
    assert "召开专题会议部署落实。" in html and 'name="confirmed" value="1"' in html
    q1_draft.refresh_from_db()
    assert q1_draft.review_state == "draft"


def test_a_post_without_confirmation_changes_nothing_and_carries_the_text(client, town, q1_draft):
    client.force_login(town.liaison_a)
    body = {
        "status": "done",
        "narrative": "全部完成。",
        "action": "submit",
        "expected_version": q1_draft.version,
    }
    response = client.post(edit_url(town.line_a1), body)
    assert response.status_code == 200 and "确认报送" in page(response)
    assert 'value="全部完成。"' in page(response)
    q1_draft.refresh_from_db()
    assert (q1_draft.review_state, q1_draft.narrative) == ("draft", "召开专题会议部署落实。")
    confirmed = client.post(edit_url(town.line_a1), {**body, "confirmed": "1"})
    assert confirmed.status_code == 302
    q1_draft.refresh_from_db()
    assert (q1_draft.review_state, q1_draft.narrative) == ("submitted", "全部完成。")


def test_a_new_report_is_not_created_by_an_unconfirmed_submit(client, town):
    client.force_login(town.liaison_a)
    client.post(edit_url(town.line_a1), {"status": "in_progress", "narrative": "x", "action": "submit"})
    assert not ProgressReport.objects.exists()
