"""report_edit: the liaison writes, saves and sends a period's report; once sent, it is locked until it is
returned."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
from taizhang.reports.workflow import report_accept, report_return, report_submit
from tests.web.reports.helpers import PDF, Q1, edit_url, htmx, page

pytestmark = pytest.mark.django_db


def _post(client, line, *, action="save", day=Q1, **data):
    body = {"status": "in_progress", "narrative": "召开专题会议部署落实。", "action": action, **data}
    if action == "submit":
        body.setdefault("confirmed", "1")  # the confirmation page's button (tests/web/test_confirm_steps.py)
    return client.post(edit_url(line, day), body)


def _q1(line):
    return ProgressReport.objects.get(assignment=line, period_start=Q1)


def test_liaison_gets_an_empty_form_for_a_period_that_has_begun(client, town):
    client.force_login(town.liaison_a)
    response = client.get(edit_url(town.line_a1))
    html = page(response)
    assert response.status_code == 200
    assert "2021年第一季度" in html and town.line_a1.task.text in html
    assert 'name="narrative"' in html and 'value="submit"' in html
    assert "2021-04-10" in html  # the due date
    for label in ("未启动", "推进中", "已完成", "长期坚持", "未按期完成"):
        assert f">{label}</option>" in html
    assert "上传时将自动创建本期报送草稿" in html  # no report yet: the first upload creates the draft


def test_liaison_saves_a_draft(client, town):
    client.force_login(town.liaison_a)
    response = _post(client, town.line_a1, narrative="已制定工作方案。")
    assert response.status_code == 302 and response["Location"] == edit_url(town.line_a1)
    report = _q1(town.line_a1)
    assert (report.review_state, report.status, report.narrative) == (
        "draft",
        "in_progress",
        "已制定工作方案。",
    )
    assert "草稿已保存" in page(client.get(response["Location"]))


def test_liaison_saves_uploads_a_file_and_submits(client, town):
    client.force_login(town.liaison_a)
    _post(client, town.line_a1)
    report = _q1(town.line_a1)
    upload = SimpleUploadedFile("会议纪要.pdf", PDF)
    client.post(reverse("evidence_upload", args=[report.pk]), {"files": [upload]}, headers=htmx())
    response = _post(client, town.line_a1, action="submit", expected_version=report.version)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.review_state == ReviewState.SUBMITTED and not report.late
    assert [e.original_name for e in report.evidence.all()] == ["会议纪要.pdf"]
    step = ReportStep.objects.get(report=report)
    assert (step.from_state, step.to_state, step.actor) == ("draft", "submitted", town.liaison_a)


def test_saving_and_submitting_a_new_report_is_one_request(client, town):
    client.force_login(town.liaison_a)
    assert _post(client, town.line_a1, action="submit").status_code == 302
    assert _q1(town.line_a1).review_state == ReviewState.SUBMITTED


def test_a_refused_submission_leaves_no_half_saved_draft(client, town):
    client.force_login(town.liaison_a)
    response = _post(client, town.line_a1, action="submit", narrative="  ")
    assert response.status_code == 422
    assert "请先填写进展情况" in page(response) and "Write the narrative" not in page(response)
    assert not ProgressReport.objects.filter(assignment=town.line_a1).exists()


def test_submitted_report_is_read_only_with_a_locked_note(client, town, q1_submitted):
    client.force_login(town.liaison_a)
    html = page(client.get(edit_url(town.line_a1)))
    assert "已锁定" in html and "已报送" in html
    assert 'name="narrative"' not in html and 'name="files"' not in html
    assert "召开专题会议部署落实。" in html


def test_post_to_a_submitted_report_is_refused_and_changes_nothing(client, town, q1_submitted):
    client.force_login(town.liaison_a)
    response = _post(client, town.line_a1, narrative="改写", expected_version=q1_submitted.version)
    assert response.status_code == 403
    assert "退回前不能修改" in page(response) and "locked" not in page(response)
    report = _q1(town.line_a1)
    assert (report.narrative, report.version, report.review_state) == (
        q1_submitted.narrative,
        q1_submitted.version,
        ReviewState.SUBMITTED,
    )


def test_returned_report_shows_the_reason_and_is_editable_again(client, town, q1_approved):
    returned = report_return(
        actor=town.admin, report=q1_approved, reason="佐证材料不全，请补充会议纪要。", expected_version=3
    )
    client.force_login(town.liaison_a)
    html = page(client.get(edit_url(town.line_a1)))
    assert "佐证材料不全，请补充会议纪要。" in html and "已退回" in html
    assert 'name="narrative"' in html and "已锁定" not in html
    response = _post(
        client, town.line_a1, action="submit", narrative="已补充。", expected_version=returned.version
    )
    assert response.status_code == 302
    report = _q1(town.line_a1)
    assert (report.review_state, report.narrative) == (ReviewState.SUBMITTED, "已补充。")


def test_every_step_is_listed_with_actor_and_time(client, town, q1_approved):
    report_accept(actor=town.admin, report=q1_approved, expected_version=q1_approved.version)
    client.force_login(town.head_a)
    html = page(client.get(edit_url(town.line_a1)))
    assert "草稿 → 已报送" in html and "已报送 → 单位已审核" in html and "单位已审核 → 已通过" in html
    assert html.count("2021-04-05 10:00") == 3
    assert 'name="narrative"' not in html  # a unit head reads; only the liaison writes


def test_another_units_liaison_gets_404(client, town, q1_submitted):
    client.force_login(town.liaison_b)
    assert client.get(edit_url(town.line_a1)).status_code == 404
    assert _post(client, town.line_a1, expected_version=q1_submitted.version).status_code == 404
    assert _q1(town.line_a1).narrative == q1_submitted.narrative


def test_lead_unit_reads_its_cooperating_units_sent_report_without_a_form(client, town):
    from taizhang.reports.periods import period_for
    from taizhang.reports.services import report_save_draft

    period = period_for(Q1, town.plan.report_cadence)
    draft = report_save_draft(
        actor=town.liaison_b, assignment=town.line_b1, period=period, status="done", narrative="已配合完成。"
    )
    client.force_login(town.liaison_a)
    assert "已配合完成。" not in page(client.get(edit_url(town.line_b1)))  # a draft is B's own
    report_submit(actor=town.liaison_b, report=draft, expected_version=draft.version)
    html = page(client.get(edit_url(town.line_b1)))
    assert "已配合完成。" in html and 'name="narrative"' not in html


def test_a_day_that_begins_no_period_is_404(client, town):
    client.force_login(town.liaison_a)
    assert client.get(edit_url(town.line_a1, date(2021, 1, 2))).status_code == 404  # not a quarter's start
    assert client.get(edit_url(town.line_a1, date(2030, 1, 1))).status_code == 404  # after the plan
    assert client.get(f"/assignments/{town.line_a1.pk}/reports/2021-02-30/").status_code == 404


def test_a_period_that_has_not_begun_offers_no_form(client, town):
    client.force_login(town.liaison_a)
    html = page(client.get(edit_url(town.line_a1, date(2021, 7, 1))))
    assert "报送周期尚未开始" in html and 'name="narrative"' not in html


def test_a_stale_form_is_refused_with_a_message(client, town, q1_draft):
    client.force_login(town.liaison_a)
    _post(client, town.line_a1, narrative="第一次", expected_version=q1_draft.version)
    response = _post(client, town.line_a1, narrative="第二次", expected_version=q1_draft.version)
    assert response.status_code == 409
    assert "已被他人修改" in page(response) and "reload" not in page(response)
    assert _q1(town.line_a1).narrative == "第一次"


def test_a_unit_head_cannot_write_the_report(client, town):
    client.force_login(town.head_a)
    response = _post(client, town.line_a1)
    assert response.status_code == 403
    assert "联络员" in page(response)
    assert not ProgressReport.objects.filter(assignment=town.line_a1).exists()


def test_english_page_translates_labels(client, town, q1_submitted):
    client.force_login(town.liaison_a)
    client.post(reverse("set_language"), {"language": "en"})
    html = page(client.get(edit_url(town.line_a1)))
    assert "Locked" in html and "Submitted" in html and "In progress" in html


def test_the_evidence_list_shows_name_size_digest_uploader_and_time(client, town, q1_evidence):
    client.force_login(town.liaison_a)
    html = page(client.get(edit_url(town.line_a1)))
    assert "会议纪要.pdf" in html
    assert reverse("evidence_download", args=[q1_evidence.pk]) in html
    assert f">{q1_evidence.sha256[:12]}</code>" in html
    assert '<td data-label="上传人">张三</td>' in html
    assert "2021-04-05 10:00" in html and "21\u00a0字节" in html
