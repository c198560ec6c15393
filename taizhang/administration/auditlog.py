"""审计日志 read by the audit administrator: which entries they may read, the filters, and keyset pages.

Scope: the entries placed (``AuditEvent.region_ref``) in the regions of their 审计管理员 grants and below; an
administrator of a root region (no parent) also reads the entries placed nowhere (commands, the tick,
sign-in attempts with an unknown account name).

Pages are keyset pages by (at, id), newest first: a page is "the 50 entries before (at, id) of the last one
shown", a range read on an index that ends with (at, id), so the thousandth page costs what the first does
and nothing counts the table."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from taizhang.accounts.models import Role, User
from taizhang.accounts.scope import user_scope
from taizhang.audit.models import AuditEvent
from taizhang.units.models import Region, Unit

PAGE_SIZE = 50
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class AuditScope:
    """What one audit administrator reads: the entries placed in ``regions`` (every entry when None), and
    those placed nowhere when ``unplaced``."""

    regions: frozenset[int] | None
    unplaced: bool = False

    def entries(self) -> QuerySet[AuditEvent]:
        entries = AuditEvent.objects.all()
        if self.regions is None:
            return entries
        placed = Q(region_ref__in=self.regions)
        return entries.filter(placed | Q(region_ref__isnull=True) if self.unplaced else placed)

    def units_qs(self) -> QuerySet[Unit]:
        return Unit.objects.all() if self.regions is None else Unit.objects.filter(region_id__in=self.regions)


def audit_scope(user: User) -> AuditScope:
    """The audit administrator's reach; anyone else is refused (the page's gate says so first). An
    administrator of a root region also reads what is placed nowhere; when their tree is the whole
    installation (one root), nothing is filtered."""
    scope = user_scope(user)
    if scope is None:
        raise PermissionDenied
    _, granted = scope.granted([Role.AUDIT_ADMIN])
    if not granted:
        raise PermissionDenied
    regions = scope.subtree(granted)
    if not Region.objects.filter(pk__in=granted, parent__isnull=True).exists():
        return AuditScope(regions=regions)
    if not Region.objects.exclude(pk__in=regions).exists():
        return AuditScope(regions=None)
    return AuditScope(regions=regions, unplaced=True)


@dataclass(frozen=True)
class Filters:
    """The filters of the page and the export, already checked (``administration.forms_auditlog``)."""

    start: date | None = None
    end: date | None = None
    user: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    unit: str = ""
    ip: str | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(scope: AuditScope, filters: Filters) -> QuerySet[AuditEvent]:
    """The entries of ``scope`` that pass ``filters``, newest first. A user or unit filter is turned into
    ids first (one query each), so the entries are read on the index that leads with them."""
    entries = scope.entries()
    if filters.start:
        entries = entries.filter(at__gte=_day_start(filters.start))
    if filters.end:
        entries = entries.filter(at__lt=_day_start(filters.end + timedelta(days=1)))
    if filters.user:
        ids = list(
            User.objects.filter(Q(username=filters.user) | Q(display_name=filters.user)).values_list(
                "id", flat=True
            )
        )
        entries = entries.filter(actor_id__in=ids)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object_type and filters.object_id:
        # Its own entries and those recording a change to it among many (the tick's raised warnings).
        entries = entries.about(filters.object_type, filters.object_id)
    elif filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.unit:
        ids = list(
            scope.units_qs()
            .filter(Q(name__icontains=filters.unit) | Q(short_name__icontains=filters.unit))
            .values_list("id", flat=True)[:200]
        )
        entries = entries.filter(unit_ref__in=ids)
    if filters.ip:
        entries = entries.filter(ip=filters.ip)
    return entries.order_by("-at", "-id")


@dataclass(frozen=True)
class Cursor:
    """A place in the log: the (at, id) of an entry, written into links as a short opaque token."""

    at: datetime
    id: int

    def token(self) -> str:
        micros = (self.at - _EPOCH) // timedelta(microseconds=1)
        return base64.urlsafe_b64encode(f"{micros}.{self.id}".encode()).decode().rstrip("=")

    @classmethod
    def parse(cls, token: str) -> Cursor:
        """The cursor in ``token``; ValueError when it is not one of ours."""
        try:
            text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            micros, pk = text.split(".")
            return cls(at=_EPOCH + timedelta(microseconds=int(micros)), id=int(pk))
        except (ValueError, UnicodeDecodeError, OverflowError) as exc:
            raise ValueError(token) from exc

    @classmethod
    def of(cls, entry: AuditEvent) -> Cursor:
        return cls(at=entry.at, id=entry.pk)


@dataclass(frozen=True)
class Page:
    entries: list[AuditEvent]
    newer: Cursor | None  # link to the page before (towards the newest); None on the first page
    older: Cursor | None  # link to the page after; None on the last page


def keyset_page(
    entries: QuerySet[AuditEvent], *, older_than: Cursor | None = None, newer_than: Cursor | None = None
) -> Page:
    """One page of ``entries`` (ordered newest first): the first, the one after ``older_than`` (the last
    entry shown) or the one before ``newer_than`` (the first entry shown). One query, LIMIT size + 1."""
    entries = entries.select_related("actor")
    if newer_than is not None:
        c = newer_than
        rows = list(
            entries.filter(Q(at__gte=c.at) & (Q(at__gt=c.at) | Q(id__gt=c.id))).order_by("at", "id")[
                : PAGE_SIZE + 1
            ]
        )
        more_newer = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE][::-1]
        return Page(
            entries=rows,
            newer=Cursor.of(rows[0]) if rows and more_newer else None,
            older=Cursor.of(rows[-1]) if rows else None,
        )
    if older_than is not None:
        c = older_than
        entries = entries.filter(Q(at__lte=c.at) & (Q(at__lt=c.at) | Q(id__lt=c.id)))
    rows = list(entries[: PAGE_SIZE + 1])
    more_older = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return Page(
        entries=rows,
        newer=Cursor.of(rows[0]) if rows and older_than is not None else None,
        older=Cursor.of(rows[-1]) if rows and more_older else None,
    )


def distinct_values(column: str) -> list[str]:
    """The values present in ``column`` of the log, read by skipping along its index (one seek per value,
    not a scan of millions of rows): for the action and object type choices."""
    assert column in ("action", "object_type")
    qn = connection.ops.quote_name
    table, col = qn(AuditEvent._meta.db_table), qn(column)
    sql = (
        f"WITH RECURSIVE v(x) AS (SELECT MIN({col}) FROM {table} "
        f"UNION ALL SELECT (SELECT MIN({col}) FROM {table} WHERE {col} > v.x) FROM v WHERE v.x IS NOT NULL) "
        "SELECT x FROM v WHERE x IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [value for (value,) in cursor.fetchall() if value]


def unit_names(entries: list[AuditEvent]) -> dict[int, str]:
    """Names of the units the entries are placed at (one query for the page)."""
    ids = {entry.unit_ref for entry in entries if entry.unit_ref is not None}
    return {unit.pk: str(unit) for unit in Unit.objects.filter(pk__in=ids)} if ids else {}
