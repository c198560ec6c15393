"""Who writes circulars: the office (惩防办管理员) of the circular's region or a region above it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from taizhang.accounts.checks import is_office_admin_of as is_office_of
from taizhang.accounts.models import Role, User
from taizhang.accounts.scope import user_scope
from taizhang.units.models import Region

NOT_OFFICE = (
    "只有本地区惩防办管理员可以编辑、发布通报或更换模板。 / "
    "Only the region's office admins may edit or publish circulars or replace their templates."
)


def require_office(actor: User | None, region: Region) -> None:
    """Refuse anyone but an office admin covering ``region``; ``None`` is system work (a command)."""
    if actor is not None and not is_office_of(actor, region.pk):
        raise PermissionDenied(NOT_OFFICE)


def office_region(actor: User) -> Region:
    """The region an office admin writes circulars for when none is named: their own unit's region when
    they cover it, else the first region they were granted."""
    if actor.unit_id and is_office_of(actor, actor.unit.region_id):
        return actor.unit.region
    scope = user_scope(actor)
    granted = sorted(scope.granted([Role.OFFICE_ADMIN])[1]) if scope else []
    if not granted:
        raise PermissionDenied(NOT_OFFICE)
    return Region.objects.get(pk=granted[0])
