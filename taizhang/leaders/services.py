"""Writes of 联系领导: the office sets a leader's linked regulations and units and yearly quota of
inspections to lead — one transaction with its audit entry (before and after)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.audit.services import audit_record
from taizhang.inspections.checks import region_reach, regulation_applies
from taizhang.leaders.codes import LeaderCode
from taizhang.leaders.models import LeaderLink
from taizhang.lib.refusal import Refusal
from taizhang.regulations.models import Regulation
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids

MAX_QUOTA = 50


def _state(link: LeaderLink | None) -> dict:
    if link is None:
        return {}
    return {
        "regulations": sorted(link.regulations.values_list("pk", flat=True)),
        "units": sorted(link.units.values_list("pk", flat=True)),
        "yearly_quota": link.yearly_quota,
    }


def leader_link_set(
    *,
    actor: User,
    leader: User,
    region: Region,
    regulations: Sequence[Regulation],
    units: Sequence[Unit],
    yearly_quota: int,
) -> LeaderLink:
    """设置联系点: ``leader`` (holding the 领导 role over ``region``) is linked to ``regulations`` (that apply
    in the region) and ``units`` (of the region or below) and leads ``yearly_quota`` inspections a year.
    Replaces the leader's earlier links."""
    require_office_admin_of(actor, region.pk, doing="设置领导联系点", doing_en="set leaders' links")
    if region.pk not in region_ids_in_scope(leader, Role.LEADER):
        raise Refusal(
            LeaderCode.NOT_A_LEADER,
            f"{leader}不是本地区的领导。",
            f"{leader} is not a leader of the region.",
        )
    if not 0 <= yearly_quota <= MAX_QUOTA:
        raise Refusal(
            LeaderCode.BAD_QUOTA,
            f"每年带队检查次数须在 0—{MAX_QUOTA} 之间。",
            f"The yearly number of inspections is 0 to {MAX_QUOTA}.",
        )
    units = list({u.pk: u for u in units}.values())
    regulations = list({r.pk: r for r in regulations}.values())
    below = region_subtree_ids({region.pk})
    reach = region_reach(region)
    stray = [u.name for u in units if u.region_id not in below]
    stray += [str(r) for r in regulations if not regulation_applies(r, reach)]
    if stray:
        raise Refusal(
            LeaderCode.OUT_OF_REGION,
            f"以下单位或制度不属于本地区：{'、'.join(stray)}。",
            f"Not of the region: {', '.join(stray)}.",
            names=stray,
        )
    with transaction.atomic():
        link = LeaderLink.objects.select_for_update().filter(leader=leader).first()
        before = _state(link)
        if link is None:
            link = LeaderLink.objects.create(
                leader=leader, region=region, yearly_quota=yearly_quota, updated_by=actor
            )
        else:
            link.region, link.yearly_quota, link.updated_by = region, yearly_quota, actor
            link.save(update_fields=["region", "yearly_quota", "updated_by", "updated_at"])
        link.regulations.set(regulations)
        link.units.set(units)
        audit_record(actor=actor, action="leader_link.set", obj=link, before=before, after=_state(link))
    return link
