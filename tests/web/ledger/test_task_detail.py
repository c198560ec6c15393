"""One task: its text, headings, regulations, and every unit's line the user may read, with the
decomposition, milestones, light and latest report."""

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan
from tests.factories import make_region, make_user

pytestmark = pytest.mark.django_db


def _get(client, who, task):
    client.force_login(who)
    return client.get(reverse("task_detail", args=[task.pk]))


def _units(response) -> list[str]:
    return [line.unit.name for line in response.context["lines"]]


def test_lead_unit_sees_its_cooperating_units_entry(client, ledger):
    response = _get(client, ledger.town.liaison_a, ledger.task_1)
    assert response.status_code == 200
    assert _units(response) == ["市发展和改革委员会", "市财政局"]
    html = response.content.decode()
    assert "财政局已拨付专项经费。" in html  # B's submitted report


def test_cooperating_unit_sees_only_its_own_entry(client, ledger):
    response = _get(client, ledger.town.liaison_b, ledger.task_1)
    assert _units(response) == ["市财政局"]
    html = response.content.decode()
    assert "李副主任" not in html and "已制定实施方案并召开动员会" not in html


def test_liaison_gets_404_for_a_task_they_are_not_on(client, ledger):
    assert _get(client, ledger.town.liaison_a, ledger.task_2).status_code == 404
    assert _get(client, ledger.liaison_c, ledger.task_1).status_code == 404


def test_a_task_without_lines_and_an_unknown_task_are_404(client, ledger):
    client.force_login(ledger.town.admin)
    assert client.get(reverse("task_detail", args=[999_999])).status_code == 404
    third = ledger.plan.tasks.get(key="一/3")
    assert client.get(reverse("task_detail", args=[third.pk])).status_code == 404


def test_office_of_another_region_gets_404(client, ledger):
    assert (
        _get(client, make_user(role=Role.OFFICE_ADMIN, region=make_region()), ledger.task_1).status_code
        == 404
    )


def test_shows_text_headings_regulations_and_every_part_of_the_line(client, ledger):
    html = _get(client, ledger.town.admin, ledger.task_4).content.decode()
    assert "健全财政资金监管制度，推行公务卡结算。" in html
    assert "二 强化监督制约 / 一 加强财政监督" in html
    assert "制定《公务卡管理办法》" in html
    assert "市审计局" in html and "2021-07-08" in html
    assert "完成时限3 天后到期（2021-07-08）" in html  # the light's reason, written out


def test_shows_decomposition_milestones_light_and_latest_report(client, ledger):
    html = _get(client, ledger.town.admin, ledger.task_1).content.decode()
    for text in (
        "李副主任",
        "王五、赵六",
        "牵头制定实施方案",
        "制定实施方案",
        "2021-05-20",
        "已制定实施方案并召开动员会。",
    ):
        assert text in html
    assert '<span class="light light-red"' in html
    assert '<span class="badge light-green">已通过</span>' in html


def test_the_office_reads_the_latest_sent_report_the_unit_its_own_draft(client, ledger):
    office = _get(client, ledger.town.admin, ledger.task_1).context["lines"][1]
    assert office.latest_report.period_label == "2021年第一季度"
    own = _get(client, ledger.town.liaison_b, ledger.task_1).context["lines"][0]
    assert own.latest_report.period_label == "2021年第二季度"


def test_edit_link_only_on_lines_the_user_may_edit(client, ledger):
    town = ledger.town
    lead = _get(client, town.liaison_a, ledger.task_1).content.decode()
    assert reverse("assignment_edit", args=[town.line_a1.pk]) in lead
    assert reverse("assignment_edit", args=[town.line_b1.pk]) not in lead
    office = _get(client, town.admin, ledger.task_1).content.decode()
    assert reverse("assignment_edit", args=[town.line_b1.pk]) in office
    assert (
        reverse("assignment_edit", args=[town.line_a1.pk])
        not in _get(client, town.leader, ledger.task_1).content.decode()
    )


def test_no_edit_link_on_an_archived_plan(client, ledger):
    Plan.objects.filter(pk=ledger.plan.pk).update(status=Plan.Status.ARCHIVED)
    html = _get(client, ledger.town.liaison_a, ledger.task_1).content.decode()
    assert "/edit/" not in html
