"""What several management commands take from their command line: a region by name or path and an
optional acting user, each refused with a bilingual ``CommandError`` (exit 2, one line, no traceback)."""

from __future__ import annotations

from django.core.management.base import CommandError

from taizhang.accounts.models import User
from taizhang.lib.i18n import said
from taizhang.units.models import Region


def region_arg(text: str) -> Region:
    """A region by name, or by path (湖北省/咸宁市/咸安区) when the name is not unique."""
    parts = [p.strip() for p in text.split("/") if p.strip()]
    found = Region.objects.filter(name=parts[-1]) if parts else Region.objects.none()
    for depth, name in enumerate(reversed(parts[:-1]), start=1):
        found = found.filter(**{"__".join(["parent"] * depth + ["name"]): name})
    regions = list(found.select_related("parent")[:5])
    if len(regions) != 1:
        what = (
            said("找不到区划", "no region named")
            if not regions
            else said("区划重名，请写路径", "ambiguous region, give its path")
        )
        raise CommandError(f"{what}: {text}")
    return regions[0]


def user_arg(username: str | None) -> User | None:
    """The active user named (recorded as the actor in the audit log), or None when none is named."""
    if not username:
        return None
    try:
        return User.objects.get(username=username, is_active=True)
    except User.DoesNotExist:
        raise CommandError(said(f"没有这个用户：{username}", f"no such user: {username}")) from None
