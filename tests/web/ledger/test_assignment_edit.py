"""The decomposition form: the line's fields and milestones saved together, or not at all."""

from datetime import date

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan
from tests.factories import make_region, make_user

pytestmark = pytest.mark.django_db


def _url(line) -> str:
    return reverse("assignment_edit", args=[line.pk])


def _post_data(line, milestones=(), **fields) -> dict:
    data = {
        "responsible_leader": "陈副主任",
        "responsible_persons": "王五\n赵六，钱七",
        "duty_requirements": "牵头制定实施方案",
        "work_standard": "方案印发，全员知晓",
        "deadline": "2021-12-31",
        "expected_version": line.version,
        "milestones-TOTAL_FORMS": len(milestones) + 1,
        "milestones-INITIAL_FORMS": 0,
        "milestones-MIN_NUM_FORMS": 0,
        "milestones-MAX_NUM_FORMS": 30,
        **fields,
    }
    for n, (title, due, done) in enumerate(milestones):
        data |= {
            f"milestones-{n}-title": title,
            f"milestones-{n}-due_date": due,
            f"milestones-{n}-done_date": done,
        }
    return data  # the last row is left blank, as the page leaves one


def _reload(line) -> Assignment:
    return Assignment.objects.get(pk=line.pk)


def test_form_shows_the_current_values_and_version(client, ledger):
    line = ledger.town.line_a1
    client.force_login(ledger.town.liaison_a)
    response = client.get(_url(line))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="李副主任"' in html and "王五\n赵六</textarea>" in html
    assert f'name="expected_version" value="{line.version}"' in html
    assert 'value="制定实施方案"' in html and 'value="2021-05-31"' in html


def test_the_form_saves_fields_and_milestones_and_goes_back_to_the_task(client, ledger):
    line = ledger.town.line_a1
    client.force_login(ledger.town.liaison_a)
    milestones = [("调研摸底", "2021-03-31", "2021-03-20"), ("印发方案", "2021-09-30", "")]
    response = client.post(_url(line), _post_data(line, milestones))
    assert response.status_code == 302
    assert response["Location"] == reverse("task_detail", args=[line.task_id])
    saved = _reload(line)
    assert saved.responsible_leader == "陈副主任"
    assert saved.responsible_persons == ["王五", "赵六", "钱七"]
    assert saved.work_standard == "方案印发，全员知晓" and saved.deadline == date(2021, 12, 31)
    assert [(m.title, m.due_date, m.done_date) for m in saved.milestones.order_by("order")] == [
        ("调研摸底", date(2021, 3, 31), date(2021, 3, 20)),
        ("印发方案", date(2021, 9, 30), None),
    ]
    assert saved.version == line.version + 1  # one edit, one version
    assert "已保存" in client.get(response["Location"]).content.decode()


def test_moving_the_deadline_and_the_milestones_earlier_together_is_one_valid_edit(client, ledger):
    line = ledger.town.line_a1  # deadline 30 June, a milestone due 31 May
    client.force_login(ledger.town.liaison_a)
    data = _post_data(line, [("制定实施方案", "2021-04-30", "2021-04-20")], deadline="2021-05-15")
    assert client.post(_url(line), data).status_code == 302
    assert _reload(line).deadline == date(2021, 5, 15)


def test_a_milestone_after_the_deadline_is_refused_and_nothing_is_saved(client, ledger):
    line = ledger.town.line_a1
    client.force_login(ledger.town.liaison_a)
    response = client.post(_url(line), _post_data(line, [("印发方案", "2022-03-31", "")]))
    assert response.status_code == 200
    assert "计划完成日期不能晚于完成时限 2021-12-31" in response.content.decode()
    saved = _reload(line)
    assert saved.version == line.version and saved.responsible_leader == "李副主任"
    assert [m.title for m in saved.milestones.all()] == ["制定实施方案"]


def test_a_deadline_after_the_tasks_is_shown_on_the_field(client, ledger):
    task = ledger.task_1
    task.deadline_date = date(2021, 12, 31)
    task.save()
    line = ledger.town.line_a1
    client.force_login(ledger.town.liaison_a)
    response = client.post(_url(line), _post_data(line, deadline="2022-06-30"))
    assert response.context["form"].errors["deadline"] == ["完成时限不能晚于任务时限 2021-12-31。"]
    assert _reload(line).version == line.version


def test_a_stale_version_is_refused_with_the_message_the_current_values_and_nothing_saved(client, ledger):
    line = ledger.town.line_a1
    Assignment.objects.filter(pk=line.pk).update(responsible_leader="他人改的", version=line.version + 1)
    client.force_login(ledger.town.liaison_a)  # signing in is an audit entry of its own
    events = AuditEvent.objects.count()
    response = client.post(_url(line), _post_data(line, [("印发方案", "2021-09-30", "")]))
    html = response.content.decode()
    assert response.status_code == 409
    assert "该记录已被他人修改" in html
    assert 'value="他人改的"' in html  # the form now holds what is saved
    assert f'name="expected_version" value="{line.version + 1}"' in html
    assert "陈副主任" in html and "印发方案" in html  # and the user's own input is listed beside it
    saved = _reload(line)
    assert saved.responsible_leader == "他人改的" and [m.title for m in saved.milestones.all()] == [
        "制定实施方案"
    ]
    assert AuditEvent.objects.count() == events


def test_a_milestone_row_marked_for_deletion_is_removed(client, ledger):
    line = ledger.town.line_a1
    client.force_login(ledger.town.liaison_a)
    data = _post_data(line, [("制定实施方案", "2021-05-31", "2021-05-20"), ("印发方案", "2021-06-15", "")])
    data["milestones-0-DELETE"] = "on"
    assert client.post(_url(line), data).status_code == 302
    assert [m.title for m in _reload(line).milestones.all()] == ["印发方案"]


def test_a_half_filled_milestone_row_is_an_error(client, ledger):
    line = ledger.town.line_a1
    client.force_login(ledger.town.liaison_a)
    data = _post_data(line, [("印发方案", "", "")])
    response = client.post(_url(line), data)
    assert response.status_code == 200 and response.context["formset"].errors[0]["due_date"]
    assert _reload(line).version == line.version


def test_unit_head_and_office_may_edit(client, ledger):
    line = ledger.town.line_a1
    for who in (ledger.town.head_a, ledger.town.admin):
        client.force_login(who)
        assert client.post(_url(line), _post_data(_reload(line))).status_code == 302


@pytest.mark.parametrize("who", ["liaison_a", "leader", "inspector"])
def test_who_sees_the_line_but_may_not_edit_it_gets_403(client, ledger, who):
    line = ledger.town.line_b1  # B's cooperating line: A (the lead unit) reads it
    client.force_login(getattr(ledger.town, who))
    assert client.get(_url(line)).status_code == 403
    assert client.post(_url(line), _post_data(line)).status_code == 403
    assert _reload(line).version == line.version


def test_a_line_out_of_scope_is_404(client, ledger):
    client.force_login(ledger.town.liaison_b)
    assert client.get(_url(ledger.town.line_a1)).status_code == 404
    client.force_login(make_user(role=Role.OFFICE_ADMIN, region=make_region()))
    assert client.get(_url(ledger.town.line_a1)).status_code == 404


def test_an_archived_plans_line_cannot_be_edited(client, ledger):
    Plan.objects.filter(pk=ledger.plan.pk).update(status=Plan.Status.ARCHIVED)
    client.force_login(ledger.town.liaison_a)
    assert client.get(_url(ledger.town.line_a1)).status_code == 403
