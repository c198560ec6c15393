"""A district with a unit register for the seed plan 004 (区…2020—2024年责任分解意见).

The register spells a few units the long way (区发展改革委, 区人民法院) where the plan prints the short way
(区发改委, 区法院), as real registers do; those names need a person to confirm the match.

Model imports stay inside the fixtures: pytest loads this file before Django is set up when the folder is
named on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED_004 = Path(__file__).resolve().parent.parent / "fixtures" / "seeds" / "004_93fe00d8dcbc73d5.txt"

# Printed in seed 004 and registered under the same name.
_EXACT = """
    区纪委 区委组织部 区委办公室 区财政局 区审计局 区人社局 区人民检察院 区委宣传部 XX各派出所 区人民法院
    区政府办公室 区纪委监委 区民政局 区政府法制办 区机关事务局 区直机关工委 区司法局 区编办 区监委 XX房管分局
    区住建局 XX国土资源分局 区政府纠风办 区信访局 区委政法委 XX地税分局 区农办 区人大常委会法工委 区委统战部
    区政协办公室 区教育局 区新闻中心 XX工商分局 区人大常委会办公室 区110联动办公室 区统计局 XX环保分局 区工会
    团区委 区妇联 区文体旅游局 区工商局 区卫生局 区食安办 区安监局 区绩效办 区行政服务中心 区政府信息中心
    区公共资源交易中心 XX国税分局 区工商联 区行政执法部门
"""
SEED_004_EXACT = tuple(_EXACT.split())
# Printed in seed 004, registered under a longer name: printed → registered.
SEED_004_LONG = {"区发改委": "区发展改革委", "区法院": "区人民法院", "区检察院": "区人民检察院"}


@pytest.fixture
def district(db):
    from taizhang.units.models import Region
    from tests.factories import make_region

    province = make_region(name="测试省", level=Region.Level.PROVINCE)
    city = make_region(name="测试市", level=Region.Level.CITY, parent=province)
    return make_region(name="测试区", level=Region.Level.DISTRICT, parent=city)


@pytest.fixture
def register(district) -> dict:
    """Every unit seed 004 names, in ``district`` (区发改委 as 区发展改革委), by registered name."""
    from tests.factories import make_unit

    units = {name: make_unit(region=district, name=name) for name in SEED_004_EXACT}
    units["区发展改革委"] = make_unit(region=district, name="区发展改革委")
    return units


@pytest.fixture
def office(district):
    """The district's office admin, member of a city unit: the district's units are the register alone."""
    from taizhang.accounts.models import Role
    from tests.factories import make_unit, make_user

    return make_user(unit=make_unit(region=district.parent), role=Role.OFFICE_ADMIN, region=district)


@pytest.fixture
def seed_004() -> bytes:
    return SEED_004.read_bytes()


def seed_004_mapping(units: dict) -> dict[str, int]:
    """What the office confirms for the names the register spells differently."""
    return {printed: units[registered].pk for printed, registered in SEED_004_LONG.items()}


PLAN_FIELDS = {
    "title": "区建立健全惩治和预防腐败体系2020—2024年责任分解意见",
    "level": "district",
    "period_start": 2020,
    "period_end": 2024,
}

SMALL_PLAN = """测试区工作方案

一、加强监督
1.开展专项检查。
牵头单位：区纪委
配合单位：区财政局、各单位
2.完善《财务管理办法》。
牵头单位：区财政局
配合单位：区审计局
"""


def no_units_for_vague_wildcards(preview):
    """The office's choice "none" for every wildcard waiting for one (seed 004's 有关单位 follows the units
    it names: 区财政局、区发改委等有关单位): the plan's lines are the named units."""
    from taizhang.plans.importing.wildcards import wildcard_choose

    for wildcard in preview.wildcards:
        if wildcard.held:
            wildcard_choose(preview, word=wildcard.name, units=[])
    return preview
