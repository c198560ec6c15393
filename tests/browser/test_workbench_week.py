"""A liaison's and the office's week from the 工作台: the liaison lands on it, sees the unit's new plan first
and the reports owed (oldest due first, a badge on 我的任务), writes the overdue one from its link and sees it
leave; the head approves it; the office lands on its 工作台, finds it waiting (a badge on 审核), accepts it,
and its 工作台 is empty."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login, logout, nav

PLAN = "2021—2025年惩治和预防腐败体系建设实施方案"


@pytest.fixture
def week(transactional_db):
    from django.utils import timezone

    from taizhang.accounts.models import Role
    from taizhang.ledger.models import Assignment
    from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user
    from tests.web.conftest import PASSWORD

    today = timezone.localdate()
    region = make_region(name="示范市")
    unit = make_unit(region=region, name="市发展和改革委员会")
    old = make_plan(
        region=region, title="上一轮旧方案", period_start=today.year - 1, period_end=today.year + 1
    )
    plan = make_plan(region=region, title=PLAN, period_start=today.year - 1, period_end=today.year + 1)
    published = timezone.now() - timedelta(days=200)  # a period past due and the current one
    for p in (old, plan):
        p.published_at = published - timedelta(days=1 if p is old else 0)
        p.save(update_fields=["published_at"])
    for task in [*old.tasks.all(), *plan.tasks.all()]:
        make_assignment(task=task, unit=unit)
    Assignment.objects.update(created_at=published)
    for name, role, scope in (
        ("liaison", Role.LIAISON, None),
        ("head", Role.UNIT_HEAD, None),
        ("office", Role.OFFICE_ADMIN, region),
    ):
        make_user(unit=unit, role=role, region=scope, username=name, password=PASSWORD, display_name=name)
    return plan


def _badge(page, name: str):
    return page.locator(f"#nav-badge-{name}")


def test_a_liaisons_and_the_offices_week_from_the_workbench(page, live_server, week):
    base = live_server.url
    login(page, base, "liaison")
    expect(page.get_by_role("heading", level=1)).to_have_text("工作台")
    plans = page.locator(".workbench-plans li")
    expect(plans.first).to_contain_text(PLAN)  # the new plan first, not on page 2 of old lines
    reports = page.locator("#todo-reports_to_write")
    owed = int(reports.locator("h2 .badge").inner_text())
    assert owed >= 4  # two plans × two lines × at least two periods
    expect(_badge(page, "my_tasks")).to_have_text(str(owed))  # loaded after the page
    first = reports.locator(".todo-list > li").first
    expect(first).to_contain_text("已逾期")
    first.locator(".todo-lines a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("进展报送")
    page.get_by_label("进展状态").select_option(label="推进中")
    page.get_by_label("进展情况").fill("已召开专题会议研究部署，相关制度已印发执行。")
    page.get_by_role("button", name="报送", exact=True).click()
    page.get_by_role("button", name="确认报送").click()  # the confirmation page says what happens
    expect(page.locator(".messages li.success")).to_be_visible()
    nav(page, "工作台")
    expect(reports.locator("h2 .badge")).to_have_text(str(owed - 1))
    logout(page)

    login(page, base, "head")
    expect(page.locator("#todo-reports_to_review h2 .badge")).to_have_text("1")
    expect(_badge(page, "review_list")).to_have_text("1")
    nav(page, "审核")
    page.get_by_role("button", name="审核通过").click()
    expect(page.get_by_role("status").first).to_contain_text("单位已审核")
    logout(page)

    login(page, base, "office")
    expect(page.get_by_role("heading", level=1)).to_have_text("工作台")
    waiting = page.locator("#todo-reports_to_review")
    expect(waiting.locator("h2")).to_contain_text("待通过报送")
    expect(waiting).to_contain_text("市发展和改革委员会")
    expect(_badge(page, "review_list")).to_have_text("1")
    nav(page, "审核")
    page.get_by_role("button", name="通过", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("已通过")
    nav(page, "工作台")
    expect(waiting.locator("h2 .badge")).to_have_text("0")
    expect(_badge(page, "review_list")).to_be_empty()
