"""Who may do what in assessment (考核): the office (惩防办管理员 covering the region) writes standards and
assessments and scores as assessor; the office side (office admins, leaders, inspectors of the region)
reads everything; a unit's liaison or head self-assesses its own unit."""

from __future__ import annotations

from taizhang.accounts import checks
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.checks import is_office_admin_of as is_office_writer
from taizhang.accounts.checks import is_office_side_of as is_office_reader
from taizhang.accounts.models import User

__all__ = ["OFFICE_SIDE", "is_office_reader", "is_office_writer", "require_office", "require_unit"]


def require_office(actor: User, region_id: int) -> None:
    checks.require_office(
        actor,
        region_id,
        doing="编辑考核标准、组织考核和评分",
        doing_en="edit standards, run assessments and score them",
    )


def require_unit(actor: User, unit_id: int) -> None:
    checks.require_unit(actor, unit_id, doing="自评", doing_en="self-assess")
