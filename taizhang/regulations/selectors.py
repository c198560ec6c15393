"""Which regulations (制度) a user may read, and who may write them. Out of scope → 404.

Regulations are not secret: the register of a region is read by every role-holder of it — the office
side through a region grant (that region and below), a unit's people for their unit's region — together
with the registers of the regions above and the central ones (no region). Nothing of another region.
What hangs on a regulation is read through its own rules (``rulemaking.page``).

Writing: the office admins covering the regulation's region register, edit, add versions and decide
(立改废留); the issuing unit's liaison or head registers, edits and adds versions of its own unit's
regulations. A regulation with no region (central) is read-only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import DateField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, NullIf, TruncDate
from django.http import Http404

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.scope import user_scope
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.regulations.models import Regulation
from taizhang.units.models import Region, Unit

_NEVER = date(1900, 1, 1)  # stands for "no date" inside Greatest, which a NULL would make NULL on SQLite


def readable_region_ids(user: User) -> frozenset[int]:
    """The regions whose register ``user`` reads: granted regions and below, granted units' regions, and
    every region above those."""
    scope = user_scope(user)
    if scope is None:
        return frozenset()
    memo = getattr(user, "_regulation_regions", None)  # read once per request, as the scope is
    if memo is not None and memo[0] is scope:
        return memo[1]
    units, regions = scope.granted(())
    ids = set(scope.subtree(regions))
    if units:
        ids |= set(Unit.objects.filter(pk__in=units).values_list("region_id", flat=True))
    frontier = set(ids)
    while frontier:
        above = Region.objects.filter(pk__in=frontier, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
        frontier = set(above) - ids
        ids |= frontier
    user._regulation_regions = (scope, frozenset(ids))
    return user._regulation_regions[1]


def regulation_visible_q(user: User, *, prefix: str = "") -> Q:
    regions = readable_region_ids(user)
    if not regions:  # no grant at all: not even the central register
        return Q(pk__in=[])
    return Q(**{f"{prefix}region__isnull": True}) | Q(**{f"{prefix}region_id__in": sorted(regions)})


def may_manage(user: User, regulation: Regulation) -> bool:
    """The office of the regulation's region: decides 立改废留 (and edits, adds versions)."""
    return regulation.region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)


def may_edit(user: User, regulation: Regulation) -> bool:
    """The office of its region, or the issuing unit's liaison or head (regional regulations only)."""
    if regulation.region_id is None:
        return False
    own = regulation.issuing_unit_id in unit_ids_in_scope(user, *UNIT_ROLES)
    return own or may_manage(user, regulation)


def last_review_expression():
    """The latest of ``reviewed_on``, the latest version's issued date and ``issued_on``; the day it was
    registered when none is known. A revision issued after a review is newer than the review."""
    # The versions (rulemaking.RegulationVersion) are read through their reverse relation, so the register
    # imports nothing of the app above it.
    latest_version = Subquery(
        Regulation.objects.filter(pk=OuterRef("pk"), versions__issued_on__isnull=False)
        .order_by("-versions__issued_on")
        .values("versions__issued_on")[:1],
        output_field=DateField(),
    )
    never = Value(_NEVER, output_field=DateField())
    known = Greatest(
        Coalesce("reviewed_on", never), Coalesce(latest_version, never), Coalesce("issued_on", never)
    )
    return Coalesce(NullIf(known, never), TruncDate("created_at"), output_field=DateField())


def months_before(today: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when that month is shorter)."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class RegFilters:
    """The list's filters; they narrow what the user may see, never widen it."""

    status: str | None = None
    issuing_unit_id: int | None = None
    text: str = ""
    due: bool = False


def regulation_list(
    *, user: User, filters: RegFilters = RegFilters(), today: date | None = None
) -> QuerySet[Regulation]:
    """Regulations the user may read, by title, with region, issuing unit and ``last_review``.
    ``filters.due`` (needs ``today``) keeps those due for the periodic review."""
    regulations = Regulation.objects.filter(regulation_visible_q(user))
    if filters.status:
        regulations = regulations.filter(status=filters.status)
    if filters.issuing_unit_id is not None:
        regulations = regulations.filter(issuing_unit_id=filters.issuing_unit_id)
    if text := filters.text.strip():
        regulations = regulations.filter(Q(title__icontains=text) | Q(doc_number__icontains=text))
    regulations = regulations.annotate(last_review=last_review_expression()).select_related(
        "region", "issuing_unit"
    )
    if filters.due:
        regulations = _due(regulations, today or date.today())
    return regulations.order_by("title", "pk")


def _due(regulations: QuerySet[Regulation], today: date) -> QuerySet[Regulation]:
    cutoff = months_before(today, settings.TAIZHANG_REGULATION_REVIEW_MONTHS)
    return regulations.filter(status=Regulation.Status.IN_FORCE, region__isnull=False, last_review__lt=cutoff)


def review_due(*, user: User, today: date) -> QuerySet[Regulation]:
    """定期清理: the regional regulations in force the user may read whose last review is older than
    ``TAIZHANG_REGULATION_REVIEW_MONTHS`` months, oldest first. Central ones are reviewed by the centre."""
    return regulation_list(user=user, filters=RegFilters(due=True), today=today).order_by(
        F("last_review").asc(), "title", "pk"
    )


def regulation_get(*, user: User, pk: int) -> Regulation:
    try:
        return regulation_list(user=user).get(pk=pk)
    except Regulation.DoesNotExist:
        raise Http404 from None
