"""A liaison signs in through the real login form and reads the unit's tasks in Chinese."""

from datetime import date

import pytest

from tests.web.conftest import PASSWORD

TASKS = [
    (
        "推进制度建设，完善反腐倡廉法规制度体系",
        "认真贯彻落实《关于进一步严格控制党政机关办公楼等楼堂馆所建设的通知》的配套制度。",
    ),
    ("推进制度建设，完善反腐倡廉法规制度体系", "贯彻落实《企业投资项目管理办法》。"),
    ("推进制度建设，完善反腐倡廉法规制度体系", "贯彻落实《政府投资预算管理办法》。"),
    (
        "强化监督制约，确保权力正确行使",
        "加强对贯彻落实科学发展观情况的监督，围绕加强和改善宏观调控、转变经济发展方式、提高发展质量和效益、"
        "加强节能减排和生态环境保护、控制固定资产投资等重大政策和措施进行监督检查。",
    ),
    ("强化监督制约，确保权力正确行使", "加强金融监管，完善国有金融资产监管制度。"),
]


@pytest.fixture
def liaison(transactional_db):
    from django.utils import timezone

    from taizhang.accounts.models import Role
    from taizhang.ledger.models import Assignment
    from taizhang.plans.models import Plan, Section, Task
    from tests.factories import make_assignment, make_region, make_unit, make_user

    region = make_region(name="示范市")
    ndrc = make_unit(region=region, name="市发展和改革委员会", short_name="市发展改革委")
    finance = make_unit(region=region, name="市财政局")
    plan = Plan.objects.create(
        title="建立健全惩治和预防腐败体系2021—2025年工作规划实施细则",
        doc_number="示惩防办文〔2021〕3号",
        issuer="中共示范市惩治和预防腐败体系建设工作领导小组办公室",
        level=Plan.Level.CITY,
        region=region,
        period_start=2021,
        period_end=2025,
        status=Plan.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    sections: dict[str, Section] = {}
    for order, (heading, text) in enumerate(TASKS, start=1):
        if heading not in sections:
            sections[heading] = Section.objects.create(
                plan=plan, number="一二"[len(sections)], title=heading, order=100 + order
            )
        task = Task.objects.create(
            plan=plan, section=sections[heading], number=str(order), order=order, key=f"{order}", text=text
        )
        lead = order != 5
        make_assignment(
            task=task,
            unit=ndrc,
            role=Assignment.Role.LEAD if lead else Assignment.Role.COOPERATING,
            responsible_leader="李建国" if lead else "",
            responsible_persons=["王晓明", "陈静"] if lead else ["陈静"],
            deadline=date(2025, 12, 31) if lead else None,
        )
        make_assignment(task=task, unit=finance, role=Assignment.Role.COOPERATING)
    return make_user(
        unit=ndrc, role=Role.LIAISON, username="fgw_liaison", display_name="王晓明", password=PASSWORD
    )


def test_liaison_signs_in_and_sees_the_units_tasks_in_chinese(page, live_server, liaison):
    page.goto(live_server.url + "/")
    assert "/login/" in page.url  # deny by default
    page.get_by_label("用户名").fill(liaison.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.wait_for_url("**/workbench/")  # the 工作台 first; the unit's tasks one click away
    page.locator("nav.mainnav").get_by_role("link", name="我的任务", exact=True).click()
    page.wait_for_url("**/tasks/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "我的任务"
    assert page.get_by_role("link", name="我的任务").get_attribute("aria-current") == "page"
    header = page.locator(".masthead").inner_text()
    assert "惩治和预防腐败体系建设台账" in header
    assert "王晓明" in header and "市发展改革委" in header and "联络员" in header
    rows = page.locator("table.grid tbody tr")
    assert rows.count() == len(TASKS)  # the unit's own lines only, not 市财政局's
    assert "贯彻落实《企业投资项目管理办法》。" in rows.nth(1).inner_text()
    assert "牵头" in rows.nth(0).inner_text() and "配合" in rows.nth(4).inner_text()
    # Vendored assets load from this server: htmx ran, the stylesheet applied (red masthead).
    assert page.evaluate("() => typeof window.htmx === 'object'")
    background = page.locator(".masthead").evaluate("el => getComputedStyle(el).backgroundImage")
    assert "gradient" in background


def test_language_switch_shows_the_same_page_in_english(page, live_server, liaison):
    page.goto(live_server.url + "/login/")
    page.get_by_role("button", name="English").click()
    page.get_by_label("User name").fill(liaison.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/workbench/")
    page.locator("nav.mainnav").get_by_role("link", name="My tasks", exact=True).click()
    page.wait_for_url("**/tasks/")
    assert page.get_by_role("heading", level=1).inner_text() == "My tasks"
