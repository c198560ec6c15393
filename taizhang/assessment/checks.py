"""Who may do what in assessment (考核): the office (惩防办管理员 covering the region) writes standards and
assessments and scores as assessor; the office side (office admins, leaders, inspectors of the region)
reads everything; a unit's liaison or head self-assesses its own unit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.supervision.inspections.checks import OFFICE_SIDE

__all__ = ["OFFICE_SIDE", "is_office_reader", "is_office_writer", "require_office", "require_unit"]


def is_office_writer(user: User, region_id: int) -> bool:
    return region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)


def is_office_reader(user: User, region_id: int) -> bool:
    return region_id in region_ids_in_scope(user, *OFFICE_SIDE)


def require_office(actor: User, region_id: int) -> None:
    if not is_office_writer(actor, region_id):
        raise PermissionDenied(
            "只有本地区惩防办管理员可以编辑考核标准、组织考核和评分。 / "
            "Only the region's office admins may edit standards, run assessments and score them."
        )


def require_unit(actor: User, unit_id: int) -> None:
    if unit_id not in unit_ids_in_scope(actor, *UNIT_ROLES):
        raise PermissionDenied(
            "只有本单位的联络员或负责人可以自评。 / Only the unit's liaison or head may self-assess."
        )
