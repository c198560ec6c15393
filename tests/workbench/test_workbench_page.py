"""The 工作台 page and the navigation's counts: what a person reads, the badge per menu entry, a bounded
number of queries whatever the amount of work, and the 三员 kept on their own 管理首页."""

from __future__ import annotations

import re

from django.urls import reverse

from taizhang.workbench import todo as todo_module

# Session, user, scope and grants, then one or two queries a group (three for the reports to write).
QUERIES_BADGES = 11
QUERIES_PAGE = 18


def badges(client) -> dict[str, int]:
    body = client.get(reverse("workbench_badges")).content.decode()
    return {name: int(n) for name, n in re.findall(r'id="nav-badge-(\w+)"[^>]*>(\d+)<', body)}


def test_a_count_stops_at_the_cap_and_says_so(client, week, monkeypatch):
    monkeypatch.setattr(todo_module, "COUNT_CAP", 1)
    client.force_login(week.liaison_a)
    body = client.get(reverse("workbench_badges")).content.decode()
    assert re.search(r'id="nav-badge-rectification_ledger"[^>]*>1\+<', body)  # 2 items due, capped


def test_a_liaison_reads_the_new_plan_first_then_what_waits(client, week):
    client.force_login(week.liaison_a)
    page = client.get(reverse("workbench")).content.decode()
    assert page.index("2021年新方案") < page.index("2020年旧方案") < page.index("待写报送")
    assert f"/plans/{week.new.pk}/ledger/?unit={week.unit_a.pk}" in page
    assert "已逾期 2021-04-10" in page and "截止 2021-07-10" in page
    assert "连续两期未报送进展" in page and "仅提示的预警" not in page
    assert "财政局的预警" not in page  # another unit's


def test_the_nav_counts_each_group_on_its_menu_entry(client, week):
    client.force_login(week.liaison_a)
    assert badges(client) == {
        "workbench": 10, "my_tasks": 5, "order_inbox": 1, "rectification_ledger": 2, "alert_list": 1,
        "assessment_list": 1,
    }  # fmt: skip
    client.force_login(week.office)
    assert badges(client) == {"workbench": 1, "rectification_ledger": 1}
    week.assessment.state, week.assessment.submitted_by = "pending", week.office
    week.assessment.save(update_fields=["state", "submitted_by"])
    client.force_login(week.leader)
    assert badges(client) == {"workbench": 1, "assessment_list": 1}


def test_every_page_of_a_business_role_loads_the_counts_after_it_renders(client, week):
    client.force_login(week.head_a)
    page = client.get(reverse("plan_list")).content.decode()
    assert f'hx-get="{reverse("workbench_badges")}"' in page
    assert 'id="nav-badge-review_list"' in page


def test_the_counts_cost_a_bounded_number_of_queries(client, week, django_assert_max_num_queries):
    from tests.factories import make_alert, make_assignment, make_plan, make_rectification

    client.force_login(week.liaison_a)
    client.get(reverse("workbench_badges"))  # session and scope warmed as on any page
    for n in range(30):  # more work of every kind: the number of queries stays
        make_rectification(unit=week.unit_a, title=f"整改{n}")
        make_alert(unit=week.unit_a, required="explain")
    for task in make_plan(region=week.region, sections=3, tasks_per_section=10).tasks.all():
        make_assignment(task=task, unit=week.unit_a)
    with django_assert_max_num_queries(QUERIES_BADGES):
        client.get(reverse("workbench_badges"))
    with django_assert_max_num_queries(QUERIES_PAGE):
        assert client.get(reverse("workbench")).status_code == 200


def test_the_page_reads_the_work_once_per_request(client, week, monkeypatch):
    calls = []
    real = todo_module.todo
    monkeypatch.setattr(todo_module, "todo", lambda **kw: calls.append(kw) or real(**kw))
    client.force_login(week.office)
    client.get(reverse("workbench"))
    assert len(calls) == 1


def test_the_administrators_keep_their_own_home(client, week):
    from taizhang.accounts.models import Role
    from tests.factories import make_user

    admin = make_user(unit=week.unit_a, role=Role.SYSTEM_ADMIN, region=week.region)
    client.force_login(admin)
    assert client.get(reverse("home"))["Location"] == reverse("admin_home")
    assert client.get(reverse("workbench")).status_code == 403
    assert "nav-badge" not in client.get(reverse("admin_home")).content.decode()


def test_the_workbench_reads_in_english_too(client, week):
    from django.conf import settings

    client.force_login(week.liaison_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("workbench")).content.decode()
    assert "Reports to write" in page and "Warnings to explain" in page and "10 items waiting" in page
