"""Reads of 联系领导, taking the user: the leaders of the regions whose office side the user is on, each
with their linked regulations and units and the inspections they led in a year (``Inspection.lead_leader``)
against their quota. A leader reads their own (我的联系点). Out of scope → 404.

"Done" is an inspection they led that started in the year and is finished (已完成 or 已公开); "under way" one
planned or in progress. Four queries for any number of leaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.inspections.models import Inspection
from taizhang.leaders.models import LeaderLink
from taizhang.lib.ids import parse_id
from taizhang.regulations.models import Regulation
from taizhang.units.models import Region, Unit

DEFAULT_QUOTA = LeaderLink._meta.get_field("yearly_quota").default
_DONE = (Inspection.State.DONE, Inspection.State.PUBLISHED)


@dataclass
class LeaderRow:
    leader: User
    region: Region
    quota: int = DEFAULT_QUOTA
    done: int = 0
    under_way: int = 0
    regulations: list[Regulation] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)

    @property
    def owed(self) -> int:
        """Inspections still to lead this year (due less done)."""
        return max(0, self.quota - self.done)


def _leader_grants(region_ids, **only) -> list[RoleGrant]:
    return list(
        RoleGrant.objects.filter(role=Role.LEADER, region_id__in=region_ids, user__is_active=True, **only)
        .select_related("user", "region")
        .order_by("region__name", "user__display_name", "user_id")
    )


def _rows(grants: list[RoleGrant], year: int) -> list[LeaderRow]:
    rows: dict[int, LeaderRow] = {}
    for grant in grants:
        rows.setdefault(grant.user_id, LeaderRow(grant.user, grant.region))
    links = LeaderLink.objects.filter(leader_id__in=list(rows)).prefetch_related("regulations", "units")
    for link in links:
        row = rows[link.leader_id]
        row.quota = link.yearly_quota
        row.regulations = sorted(link.regulations.all(), key=lambda r: r.title)
        row.units = sorted(link.units.all(), key=lambda u: (u.order, u.name))
    counts = (
        Inspection.objects.filter(lead_leader_id__in=list(rows), start_date__year=year)
        .values("lead_leader_id")
        .annotate(
            done=Count("pk", filter=Q(state__in=_DONE)), under_way=Count("pk", filter=~Q(state__in=_DONE))
        )
    )
    for count in counts:
        rows[count["lead_leader_id"]].done = count["done"]
        rows[count["lead_leader_id"]].under_way = count["under_way"]
    return list(rows.values())


def leader_overview(*, user: User, year: int) -> list[LeaderRow]:
    """Every leader of the regions whose office side ``user`` is on (a region grant), with their links and
    the year's counts; those who still owe inspections first."""
    rows = _rows(_leader_grants(region_ids_in_scope(user, *OFFICE_SIDE)), year)
    return sorted(rows, key=lambda row: row.owed == 0)


def leader_own(*, user: User, year: int) -> LeaderRow:
    """我的联系点: the user's own row (404 unless they hold the 领导 role over a region)."""
    grants = _leader_grants(region_ids_in_scope(user, Role.LEADER), user_id=user.pk)
    if not grants:
        raise Http404
    return _rows(grants[:1], year)[0]


def leader_inspections(*, leader: User, year: int):
    """The inspections ``leader`` led that started in ``year`` (the caller reads them as the leader or
    the office of their region)."""
    return Inspection.objects.filter(lead_leader=leader, start_date__year=year).order_by("start_date", "pk")


def leader_for_office(*, user: User, pk: int) -> tuple[User, Region]:
    """A leader of a region ``user`` is an office admin of, with that region (404 otherwise)."""
    if parse_id(pk) is None:  # past a BIGINT: the foreign-key lookup would overflow
        raise Http404
    grants = _leader_grants(region_ids_in_scope(user, Role.OFFICE_ADMIN), user_id=pk)
    if not grants:
        raise Http404
    return grants[0].user, grants[0].region


def leader_link_of(leader: User) -> LeaderLink | None:
    return LeaderLink.objects.filter(leader=leader).prefetch_related("regulations", "units").first()
