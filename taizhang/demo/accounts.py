"""The demo's regions and accounts: an office, a leader, and a liaison and a head for two units."""

from __future__ import annotations

from dataclasses import dataclass

from taizhang.accounts.models import Role
from taizhang.accounts.services import role_grant, user_create
from taizhang.units.models import Region, Unit
from taizhang.units.services import region_create

PASSWORD = "taizhang-demo-2024"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: str
    unit_name: str  # the unit the person belongs to, as the district plan prints it
    over_region: bool  # granted over the region (office, leader) rather than the own unit


ACCOUNTS = (
    DemoAccount("office", "王惩防（惩防办）", Role.OFFICE_ADMIN, "区纪委", True),
    DemoAccount("leader", "李书记（区委领导）", Role.LEADER, "区委办公室", True),
    DemoAccount("jiwei_liaison", "赵联络（区纪委联络员）", Role.LIAISON, "区纪委", False),
    DemoAccount("jiwei_head", "钱主任（区纪委负责人）", Role.UNIT_HEAD, "区纪委", False),
    DemoAccount("zuzhi_liaison", "孙联络（区委组织部联络员）", Role.LIAISON, "区委组织部", False),
    DemoAccount("zuzhi_head", "周部长（区委组织部负责人）", Role.UNIT_HEAD, "区委组织部", False),
)


def make_regions() -> tuple[Region, Region]:
    """山东省 / 威海市 for the city plans, and 示范区 under it for the district plan (returned), and 东区
    beside it for a second, small district plan (上下贯通: one district covers a city task, another not)."""
    province = region_create(name="山东省", level=Region.Level.PROVINCE, actor=None)
    city = region_create(name="威海市", level=Region.Level.CITY, parent=province, actor=None)
    district = region_create(name="示范区", level=Region.Level.DISTRICT, parent=city, actor=None)
    region_create(name="东区", level=Region.Level.DISTRICT, parent=city, actor=None)
    return city, district


def make_accounts(*, city: Region, district: Region) -> list[DemoAccount]:
    for account in ACCOUNTS:
        unit = Unit.objects.get(region=district, name=account.unit_name)
        user = user_create(
            username=account.username,
            display_name=account.display_name,
            unit=unit,
            password=PASSWORD,
            actor=None,
        )
        # The office and the leader see the whole city, so both seed plans are theirs.
        role_grant(
            user=user,
            role=account.role,
            unit=None if account.over_region else unit,
            region=city if account.over_region else None,
            actor=None,
        )
    return list(ACCOUNTS)
