"""What changed since a snapshot was taken, read from the audit log (every write is audited in its own
transaction, deletions too): the lines (台账条目) and units whose figures may differ. The snapshots
(``ledger.progress_snapshot``, ``dashboard.rollup_snapshot``) recount only those on a steady tick.

Conservative by construction: an event of a counted app that cannot be tied to lines or units (a plan, a
unit, a deleted object, a type not listed) means "everything"; so does a new day, and a gap of more than
``MOST`` events. Events of other apps (warnings, notifications, accounts …) change no figure and are passed
over. The mark moves only to events older than ``MARGIN``: on PostgreSQL an id is taken before its
transaction commits, so a recent event may still appear below the mark; those minutes are read again (and
their units recounted again) by the next tick."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment, Milestone, SnapshotMark
from taizhang.reports.models import ProgressReport

MOST = 5000  # events read at most; more → recount everything
MARGIN = timedelta(minutes=5)
EVERYTHING_APPS = ("plans.", "units.")  # a plan's or unit's change reaches lines in bulk
IGNORED = frozenset(
    {"ledger.cooperationrating", "ledger.taskprogress", "ledger.snapshotmark", "reports.chase"}
)
LINE_OF = {  # object type → (model, its line field)
    "ledger.assignment": (Assignment, "pk"),
    "ledger.milestone": (Milestone, "assignment_id"),
    "reports.progressreport": (ProgressReport, "assignment_id"),
}
# object ids → their units' ids, None when some object is gone; given by the snapshot that counts them
UnitsOf = Callable[[list[int]], set[int] | None]


@dataclass
class Touched:
    through: int  # the mark to keep once the snapshot is written
    everything: bool = False
    lines: set[int] = field(default_factory=set)  # Assignment ids
    units: set[int] = field(default_factory=set)  # units of the other objects (``units_of``)

    def line_units(self) -> set[int]:
        """The units of ``lines`` and ``units``: a roll-up's rows to recount."""
        owners = set(Assignment.objects.filter(pk__in=self.lines).values_list("unit_id", flat=True))
        return owners | self.units


def touched_since(name: str, *, today: date, units_of: dict[str, UnitsOf] | None = None) -> Touched:
    """What the events after snapshot ``name``'s mark touched. ``units_of``: further counted object types
    (e.g. ``inspections.finding``) and how to find their units; their apps are counted apps."""
    units_of = units_of or {}
    mark = SnapshotMark.objects.filter(name=name).first()
    after = mark.through_event if mark else 0
    settled = (
        AuditEvent.objects.filter(pk__gt=after, at__lt=timezone.now() - MARGIN)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    everything = Touched(through=settled or after, everything=True)
    if mark is None or mark.day != today:
        return everything
    apps = {t.split(".")[0] for t in (*LINE_OF, *units_of)} | {a.rstrip(".") for a in EVERYTHING_APPS}
    counted = Q()
    for app in sorted(apps):
        counted |= Q(object_type__startswith=f"{app}.")
    events = list(
        AuditEvent.objects.filter(counted, pk__gt=after)
        .exclude(object_type__in=IGNORED)
        .values_list("object_type", "object_id")
        .order_by("pk")[: MOST + 1]
    )
    if len(events) > MOST:
        return everything
    ids: dict[str, set[int]] = {}
    for object_type, object_id in events:
        if (object_type not in LINE_OF and object_type not in units_of) or not object_id.isdigit():
            return everything  # a plan, a unit, a type not listed
        ids.setdefault(object_type, set()).add(int(object_id))
    found = Touched(through=everything.through)
    for object_type, wanted in ids.items():
        if object_type in LINE_OF:
            model, line_field = LINE_OF[object_type]
            rows = dict(model.objects.filter(pk__in=wanted).values_list("pk", line_field))
            if len(rows) < len(wanted):  # deleted since
                return everything
            found.lines |= set(rows.values())
        else:
            units = units_of[object_type](sorted(wanted))
            if units is None:
                return everything
            found.units |= units
    return found


def units_by(model, unit_field: str = "unit_id") -> UnitsOf:
    """A ``units_of`` finder: the units of ``model``'s rows by ``unit_field`` (None when a row is gone)."""

    def units(ids: list[int]) -> set[int] | None:
        found = dict(model.objects.filter(pk__in=ids).values_list("pk", unit_field))
        return set(found.values()) if len(found) == len(ids) else None

    return units


def mark_through(name: str, *, touched: Touched, today: date) -> None:
    """Keep the mark (inside the transaction that writes the snapshot)."""
    defaults = {"through_event": touched.through, "day": today}
    SnapshotMark.objects.update_or_create(name=name, defaults=defaults)
