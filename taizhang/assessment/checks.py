"""Who may do what in assessment (考核): the office (惩防办管理员 covering the region) writes standards and
assessments and scores as assessor; the office side (office admins, leaders, inspectors of the region)
reads everything; a unit's liaison or head self-assesses its own unit."""

from __future__ import annotations

from taizhang.accounts import checks
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.checks import is_office_admin_of as is_office_writer
from taizhang.accounts.checks import is_office_side_of as is_office_reader
from taizhang.accounts.models import User
from taizhang.units.models import Region

__all__ = [
    "OFFICE_SIDE", "is_office_reader", "is_office_writer", "office_region", "require_office", "require_unit",
]  # fmt: skip
NOT_OFFICE = (
    "只有本地区惩防办管理员可以编辑考核标准、组织考核和评分。 / "
    "Only the region's office admins may edit standards, run assessments and score them."
)


def require_office(actor: User, region_id: int) -> None:
    checks.require_office(
        actor,
        region_id,
        doing="编辑考核标准、组织考核和评分",
        doing_en="edit standards, run assessments and score them",
    )


def office_region(actor: User) -> Region:
    """The region whose standards and assessments an office admin writes when none is named."""
    return checks.office_region(actor, refusal=NOT_OFFICE)


def require_unit(actor: User, unit_id: int) -> None:
    checks.require_unit(actor, unit_id, doing="自评", doing_en="self-assess")
