"""The office imports seed 004 through the pages: upload, correct a task in place, leave one out, choose the
units the register spells differently, confirm, publish. Checks what htmx does in a real browser: the
edited row and the unit-matching panel swapped out of band, with the choices made before the edit kept."""

import pytest

from tests.browser.helpers import no_units_for, seed_004_district
from tests.plans.conftest import SEED_004, SEED_004_EXACT
from tests.web.conftest import PASSWORD


@pytest.fixture
def office(transactional_db, settings, tmp_path):
    from taizhang.accounts.models import Role
    from tests.factories import make_unit, make_user

    settings.DATA_DIR = tmp_path
    city, district, _ = seed_004_district((*SEED_004_EXACT, "区发展改革委"))
    return make_user(
        unit=make_unit(region=city),
        role=Role.OFFICE_ADMIN,
        region=district,
        username="office",
        password=PASSWORD,
    )


def test_office_imports_corrects_and_publishes_a_plan(page, live_server, office):
    from taizhang.plans.models import Plan

    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "office")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.button")
    page.goto(f"{live_server.url}/plans/import/")
    page.set_input_files("input[name=file]", str(SEED_004))
    page.fill("input[name=period_start]", "2020")
    page.fill("input[name=period_end]", "2024")
    page.click("button:has-text('生成导入预览')")
    page.wait_for_url("**/plans/import/preview/")
    assert page.locator("tr[id^=task-]").count() == 134

    court = page.locator("#unit-matching").get_by_label("区法院", exact=True)  # a searchable picker
    court.select_option(index=1)  # the best suggestion: 区人民法院
    chosen = court.input_value()

    page.click("#task-1 >> text=编辑")
    page.fill("#task-1 textarea", "浏览器里改过的任务")
    page.fill("#task-1 input[name=lead]", "区委组织部、区新设的局")
    page.click("#task-1 >> text=保存")
    page.wait_for_selector("#task-1 >> text=浏览器里改过的任务")
    page.wait_for_selector("#unit-matching >> text=区新设的局")
    assert page.locator("#unit-matching").get_by_label("区法院", exact=True).input_value() == chosen

    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#task-3 >> text=删除")
    page.wait_for_selector("#task-3", state="detached")
    assert page.locator("#task-count").inner_text() == "133"

    no_units_for(page, "有关单位")
    # the 泛称 page is a page of its own: the choices made in the preview come back with it
    assert page.locator("#unit-matching").get_by_label("区法院", exact=True).input_value() == chosen
    selects = page.locator("#unit-matching select")
    for i in range(selects.count()):
        if not selects.nth(i).input_value():
            selects.nth(i).select_option(index=1)
    page.click("button:has-text('确认导入')")
    page.wait_for_url("**/plans/*/")
    assert "已导入方案" in page.locator(".messages").inner_text()
    plan = Plan.objects.get()
    assert plan.tasks.count() == 133
    assert plan.tasks.filter(text="浏览器里改过的任务").exists()

    page.click("button:has-text('发布')")
    page.get_by_role("button", name="确认发布").click()  # the confirmation page says what happens
    page.wait_for_selector(".messages >> text=已发布")
    plan.refresh_from_db()
    assert plan.status == "published"
