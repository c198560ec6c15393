"""The unit picker in a real browser: typing filters the list, 全选 by kind picks that kind's units only,
and what was picked is what the form posts (the order's 承办单位)."""

import pytest

from tests.browser.helpers import login


@pytest.fixture
def office(transactional_db):
    from taizhang.accounts.models import Role
    from taizhang.units.models import Unit
    from tests.factories import make_region, make_unit, make_user
    from tests.web.conftest import PASSWORD

    city = make_region(name="甲市")
    office_unit = make_unit(region=city, name="甲市纪委", kind=Unit.Kind.PARTY)
    for name in ("东城街道办事处", "西城街道办事处", "南山镇"):
        make_unit(region=city, name=name, kind=Unit.Kind.TOWNSHIP)
    for name in ("甲市财政局", "甲市教育局"):
        make_unit(region=city, name=name, kind=Unit.Kind.GOVERNMENT)
    make_unit(region=make_region(name="丙市"), name="丙市财政局")
    return make_user(
        role=Role.OFFICE_ADMIN, region=city, unit=office_unit, username="office", password=PASSWORD
    )


def test_filter_and_select_all_by_kind(page, live_server, office):
    login(page, live_server.url, "office")
    page.goto(f"{live_server.url}/supervision/orders/new/")
    select = page.locator('select[name="units"]')
    tools = page.locator(".picker-tools").filter(has=page.locator("button", has_text="乡镇"))
    assert select.locator("option").count() == 6  # the region's six units, not 丙市's

    tools.locator("input[type=search]").fill("财政")
    visible = select.evaluate("s => [...s.options].filter(o => !o.hidden).map(o => o.text)")
    assert visible == ["甲市财政局"]

    tools.locator("input[type=search]").fill("")
    tools.get_by_role("button", name="全选：乡镇").click()
    chosen = select.evaluate("s => [...s.selectedOptions].map(o => o.text)")
    assert sorted(chosen) == sorted(["东城街道办事处", "西城街道办事处", "南山镇"])
    assert "已选 3 项" in tools.locator(".picker-count").inner_text()

    tools.get_by_role("button", name="清空").click()
    assert select.evaluate("s => s.selectedOptions.length") == 0
