"""Who writes circulars: the office (惩防办管理员) of the circular's region or a region above it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from taizhang.accounts import checks
from taizhang.accounts.checks import is_office_admin_of as is_office_of
from taizhang.accounts.models import User
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
    """The region an office admin writes circulars for when none is named."""
    return checks.office_region(actor, refusal=NOT_OFFICE)
