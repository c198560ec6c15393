"""上下贯通 in a real browser: a city plan, two district plans carrying it out — one imported through the
preview, whose suggested upper plan and task links the office confirms, one already linked except for a
task — the city's coverage page shows that district's gap, the district links its task on the task's page,
and the gap is gone."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login, logout
from tests.web.conftest import PASSWORD

CITY_PLAN = "甲市落实惩治和预防腐败体系工作规划分解意见"
CITY_TASKS = (
    "深入开展廉政文化进机关、进社区、进学校、进家庭活动，培育廉洁从政的良好风尚",
    "健全党风廉政建设责任制考核办法，把考核结果作为干部选拔任用和奖惩的重要依据",
    "规范行政审批权力运行，全面推行网上审批和电子监察，压缩审批时限",
)
# 东区's plan as an office receives it: its preamble names the city plan it carries out.
EAST_PLAN = f"""东区落实惩治和预防腐败体系工作规划分解意见

为深入贯彻落实《{CITY_PLAN}》，结合我区实际，现将任务分解如下。

一、教育

1．深入开展廉政文化进机关、进社区、进学校、进家庭活动，培育廉洁从政的良好风尚。（牵头单位：东区纪委）

二、制度

2．健全党风廉政建设责任制考核办法，把考核结果作为干部选拔任用和奖惩的重要依据。（牵头单位：东区纪委）

3．规范行政审批权力运行，全面推行网上审批和电子监察，压缩审批时限。（牵头单位：东区财政局）
"""


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    from taizhang.accounts.models import Role
    from taizhang.plans.models import Plan, TaskLink
    from taizhang.units.models import Region
    from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

    settings.DATA_DIR = tmp_path
    city = make_region(name="甲市", level=Region.Level.CITY)
    east = make_region(name="东区", level=Region.Level.DISTRICT, parent=city)
    west = make_region(name="西区", level=Region.Level.DISTRICT, parent=city)
    city_plan = make_plan(region=city, title=CITY_PLAN, sections=1, tasks_per_section=3)
    west_plan = make_plan(
        region=west, level=Plan.Level.DISTRICT, title="西区分解意见", sections=1, tasks_per_section=3,
        parent_plan=city_plan,
    )  # fmt: skip
    uppers = list(city_plan.tasks.order_by("order"))
    lowers = list(west_plan.tasks.order_by("order"))
    for upper, lower, text in zip(uppers, lowers, CITY_TASKS, strict=True):
        upper.text = text
        upper.save(update_fields=["text"])
        lower.text = text.replace("全面", "在全区")
        lower.save(update_fields=["text"])
    west_unit = make_unit(region=west, name="西区纪委")
    for lower in lowers:
        make_assignment(task=lower, unit=west_unit)  # each task of a published plan has its unit
    for lower, upper in zip(lowers[:2], uppers[:2], strict=True):
        TaskLink.objects.create(task=lower, upper=upper)  # 西区's third task carries out nothing yet
    for name in ("东区纪委", "东区财政局"):
        make_unit(region=east, name=name)

    def office(region, username):
        return make_user(
            unit=make_unit(region=region, name=f"{region.name}惩防办"), role=Role.OFFICE_ADMIN, region=region,
            username=username, password=PASSWORD,
        )  # fmt: skip

    office(city, "city_office")
    office(east, "east_office")
    office(west, "west_office")
    return city_plan, lowers[2], uppers[2]


def test_two_districts_carry_out_the_city_plan_and_a_gap_closes(page, live_server, world, tmp_path):
    from taizhang.plans.models import Plan

    city_plan, west_task, missing = world
    base = live_server.url

    # ---- 东区's office imports its plan: the preview suggests the city plan and ticks each task's link.
    login(page, base, "east_office")
    source = tmp_path / "东区分解意见.txt"
    source.write_text(EAST_PLAN, encoding="utf-8")
    page.goto(f"{base}/plans/import/")
    page.set_input_files("input[name=file]", str(source))
    page.fill("input[name=period_start]", "2021")
    page.fill("input[name=period_end]", "2025")
    page.get_by_role("button", name="生成导入预览").click()
    page.wait_for_url("**/plans/import/preview/")
    links = page.locator("#cascade-links")
    expect(links.locator("#upper-plan option:checked")).to_contain_text(CITY_PLAN)
    expect(links.locator("input[type=checkbox]:checked")).to_have_count(3)
    page.get_by_role("button", name="确认导入").click()
    expect(page.locator(".messages")).to_contain_text("已导入方案")
    page.get_by_role("button", name="发布").click()
    page.get_by_role("button", name="确认发布").click()
    expect(page.locator(".messages")).to_contain_text("已发布")
    east_plan = Plan.objects.get(region__name="东区")
    assert east_plan.parent_plan == city_plan
    last = east_plan.tasks.order_by("order").last()
    assert [link.upper for link in last.upper_links.all()] == [missing]  # the ticked suggestion, stored
    logout(page)

    # ---- 甲市's office: the coverage page shows 西区's gap on the third task, none for 东区.
    login(page, base, "city_office")
    page.goto(f"{base}/plans/{city_plan.pk}/")
    page.get_by_role("link", name="下级落实情况").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("下级落实情况")
    gaps = page.locator("section.panel").filter(has=page.get_by_role("heading", name="缺项 1 处"))
    expect(gaps.locator("tbody tr")).to_have_count(1)
    expect(gaps.locator("tbody tr")).to_contain_text("西区")
    expect(gaps.locator("tbody tr")).to_contain_text(missing.text[:20])
    logout(page)

    # ---- 西区's office links its task to the city task on the task's page.
    login(page, base, "west_office")
    page.goto(f"{base}/tasks/{west_task.pk}/")
    page.get_by_role("link", name="落实的上级任务和下级落实情况").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("上下贯通")
    page.wait_for_load_state("load")
    uppers = page.locator('select[name="uppers"]')
    uppers.select_option(value=str(missing.pk))
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text(missing.text[:20])
    logout(page)

    # ---- 甲市's office: coverage closes.
    login(page, base, "city_office")
    page.goto(f"{base}/plans/{city_plan.pk}/coverage/")
    expect(page.get_by_role("heading", name="缺项 0 处")).to_be_visible()
    expect(page.get_by_text("没有缺项。")).to_be_visible()
