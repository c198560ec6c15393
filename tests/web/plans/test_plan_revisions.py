"""The revision, history, withdrawal and draft-edit pages, as the office uses them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan, PlanVersion
from taizhang.units.models import Unit
from tests.factories import make_user
from tests.plans.revision_texts import V2, import_v1

pytestmark = pytest.mark.django_db


def test_the_office_sees_the_diff_then_applies_it_as_version_2(client, district, office):
    plan = import_v1(district, office)
    client.force_login(office)
    url = reverse("plan_revise", args=[plan.pk])
    page = client.post(url, {"file": SimpleUploadedFile("v2.txt", V2.encode())})
    html = " ".join(page.content.decode().split())
    assert page.status_code == 200 and "比对结果" in html
    assert "新增 1 · 删除 1 · 改写 1 · 调整序号 1 · 调整责任单位 1" in html
    assert not PlanVersion.objects.exists()  # the diff writes nothing
    form = page.context["apply_form"]
    body = {name: form[name].value() for name in form.fields}
    done = client.post(reverse("plan_revise_apply", args=[plan.pk]), body, follow=True)
    assert done.redirect_chain[-1][0] == reverse("plan_versions", args=[plan.pk])
    html = done.content.decode()
    assert "第 2 版" in html and "第 1 版" in html and "推进以案促改工作" in html
    ledger = client.get(reverse("plan_ledger", args=[plan.pk])).content.decode()
    # the removed task: still readable, marked
    assert "建立健全信访举报工作机制" in ledger and "已关闭：第2版修订删除" in ledger
    # the same form again: the plan has moved on
    again = client.post(reverse("plan_revise_apply", args=[plan.pk]), body, follow=True)
    assert "已过期" in again.content.decode()  # the file went with the version it made
    assert PlanVersion.objects.filter(plan=plan).count() == 2


def test_a_file_that_is_not_a_plan_is_refused_on_the_page(client, district, office):
    plan = import_v1(district, office)
    client.force_login(office)
    page = client.post(
        reverse("plan_revise", args=[plan.pk]), {"file": SimpleUploadedFile("v2.pdf", b"%PDF-1.4")}
    )
    assert page.status_code == 400 and "不能导入 PDF 文件" in page.content.decode()


def test_withdrawing_needs_a_reason_and_closes_the_lines_kept_readable(client, district, office):
    plan = import_v1(district, office)
    client.force_login(office)
    url = reverse("plan_withdraw", args=[plan.pk])
    refused = client.post(url, {"reason": "  ", "expected_version": plan.version}, follow=True)
    assert "请填写撤回理由" in refused.content.decode()
    client.post(url, {"reason": "上级方案已废止", "expected_version": plan.version})
    plan.refresh_from_db()
    assert (plan.status, plan.withdrawn_reason) == (Plan.Status.WITHDRAWN, "上级方案已废止")
    assert not Assignment.objects.filter(task__plan=plan, closed_at__isnull=True).exists()
    event = AuditEvent.objects.get(action="plan.withdraw")
    assert event.after["withdrawn_reason"] == "上级方案已废止" and event.after["lines_closed"] == 6
    liaison = make_user(unit=Unit.objects.get(name="区信访局"), role=Role.LIAISON)
    client.force_login(liaison)
    line = Assignment.objects.get(task__plan=plan, unit__name="区信访局")
    assert client.get(reverse("plan_detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("assignment_edit", args=[line.pk])).status_code == 403


def test_only_the_office_withdraws(client, district, office):
    plan = import_v1(district, office)
    liaison = make_user(unit=Unit.objects.get(name="区纪委"), role=Role.LIAISON)
    client.force_login(liaison)
    response = client.post(reverse("plan_withdraw", args=[plan.pk]), {"reason": "x", "expected_version": 1})
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED


def test_a_draft_task_is_edited_units_deadline_and_people(client, district, office):
    plan = import_v1(district, office, publish=False)
    task = plan.tasks.get(key="一/1")
    client.force_login(office)
    url = reverse("plan_task_edit", args=[plan.pk, task.pk])
    form = client.get(url).context["form"]
    assert form.initial["lead"] == "区纪委" and form.initial["cooperating"] == "区财政局"
    body = {
        "number": "1",
        "text": "开展专项检查和回头看。",
        "deadline_text": "2021年6月底前",
        "lead": "区纪委",
        "cooperating": "区审计局、区信访局",
        "responsible_leader": "王五",
        "responsible_persons": "张三、李四",
        "expected_version": plan.version,
    }
    response = client.post(url, body)
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.text, str(task.deadline_date)) == ("开展专项检查和回头看。", "2021-06-30")
    lines = {a.unit.name: a for a in task.assignments.select_related("unit")}
    assert {n: a.role for n, a in lines.items()} == {
        "区纪委": "lead",
        "区审计局": "cooperating",
        "区信访局": "cooperating",
    }
    assert (lines["区纪委"].responsible_leader, lines["区纪委"].responsible_persons) == (
        "王五",
        ["张三", "李四"],
    )
    event = AuditEvent.objects.get(action="task.update")
    assert event.before["units"] == {"区纪委": "lead", "区财政局": "cooperating"}
    # a name the register lacks: refused on the form, nothing changed
    plan.refresh_from_db()
    refused = client.post(url, {**body, "lead": "区不存在局", "expected_version": plan.version})
    assert refused.status_code == 422 and "区不存在局" in refused.content.decode()
    assert task.assignments.count() == 3


def test_a_draft_task_is_removed_but_a_published_plans_are_not(client, district, office):
    plan = import_v1(district, office, publish=False)
    client.force_login(office)
    task = plan.tasks.get(key="一/3")
    client.post(reverse("plan_task_delete", args=[plan.pk, task.pk]), {"expected_version": plan.version})
    assert not plan.tasks.filter(pk=task.pk).exists()
    assert AuditEvent.objects.filter(action="task.delete").count() == 1
    plan.refresh_from_db()
    plan.status, plan.published_at = Plan.Status.PUBLISHED, plan.updated_at
    plan.save()
    other = plan.tasks.first()
    response = client.post(
        reverse("plan_task_delete", args=[plan.pk, other.pk]), {"expected_version": plan.version}, follow=True
    )
    assert "不能再直接修改" in response.content.decode() and plan.tasks.filter(pk=other.pk).exists()


def test_importing_a_file_with_a_live_plans_title_points_to_the_revision(client, district, office):
    from tests.web.plans.conftest import upload

    plan = import_v1(district, office)
    Plan.objects.filter(pk=plan.pk).update(title="测试区工作方案")  # the title V2 prints
    client.force_login(office)
    upload(client, district, V2.encode(), name="v2.txt")
    page = client.get(reverse("plan_import_preview"))
    hint = reverse("plan_revise", args=[plan.pk])
    assert f'href="{hint}"' in page.content.decode()
