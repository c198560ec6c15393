"""Who may change plans: the office (惩防办管理员) of the plan's region or a region above it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.units.models import Region


def require_office_admin(actor: User | None, region: Region | None) -> None:
    """Refuse anyone but an office admin covering ``region``. ``actor=None`` is system work (a management
    command run on the server), which the audit log records without a person. A national plan has no
    region: no office covers it, so only system work changes it."""
    if actor is None:
        return
    if region is None or region.pk not in region_ids_in_scope(actor, Role.OFFICE_ADMIN):
        zh, en = (region.name, region.name) if region else ("中央", "the plan's region")
        raise PermissionDenied(
            f"只有{zh}的惩防办管理员可以导入或发布方案。 / "
            f"Only the office admins of {en} may import or publish plans."
        )
