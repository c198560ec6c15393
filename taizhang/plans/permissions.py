"""Who may change plans: the office (惩防办管理员) of the plan's region or a region above it, checked by
``accounts.checks.require_office_admin_of``; here only the refusal's sentence, which names the region."""

from __future__ import annotations

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import User
from taizhang.lib.i18n import said
from taizhang.units.models import Region


def require_office_admin(actor: User | None, region: Region | None) -> None:
    """Refuse anyone but an office admin covering ``region``. ``actor=None`` is system work (a management
    command run on the server), which the audit log records without a person. A national plan has no
    region: no office covers it, so only system work changes it."""
    zh, en = (region.name, region.name) if region else ("中央", "the plan's region")
    refusal = said(
        f"只有{zh}的惩防办管理员可以导入或发布方案。",
        f"Only the office admins of {en} may import or publish plans.",
    )
    require_office_admin_of(actor, region.pk if region else None, refusal=refusal)
