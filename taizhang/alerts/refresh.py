"""核对预警: turn what the rules say today into warning rows — raise the new ones, keep the open ones in step
with the data (level, requirement, summary, evidence: the level follows the data down as well as up), and
close with ``cleared`` those the rules no longer produce. Run by ``taizhang tick`` and by the office's
立即核对 button (for its regions, in the background: ``alerts.tasks``).

Short transactions: the rules and the open warnings are read first, outside any transaction; the writes
follow in batches of ``BATCH`` warnings, one transaction each, so a user's save waits milliseconds for the
database (SQLite has one writer), not the whole run. A run that fails half-way leaves whole batches done;
the next run finishes the rest.

Idempotent: a second run finds nothing to raise, change or close. Two runs at once cannot open a subject
twice — the partial unique constraint (one open warning per rule and key) turns the second insert into
nothing (``ignore_conflicts``), and each close or level change is a conditional update (on the state and
level read) audited only by the run whose update matched, so a warning the office closed, or another run
changed, after it was read is left as it is. A subject the office closed by decision is not raised again
for the same situation (``evidence["since"]``) unless its level rises above the level it was closed at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import F
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.alerts.models import Alert, RegionCheck
from taizhang.alerts.notify import alerts_tell
from taizhang.alerts.rules import alerts_wanted
from taizhang.alerts.specs import AlertSpec, rank, required_for
from taizhang.audit.models import AuditEvent
from taizhang.audit.placement import place_of
from taizhang.audit.services import (
    COVERS,
    audit_entry,
    audit_record_many,
    audit_record_values,
    audit_values,
)
from taizhang.ledger.changes import mark_through, touched_since, units_by
from taizhang.lib.batches import batch_transaction, batches
from taizhang.lib.bulk import insert_rows, stored_instance
from taizhang.rectification.models import RectificationItem, RectificationProgress
from taizhang.supervision.models import AssignmentExplanation, OrderRecipient, SupervisionOrder
from taizhang.units.models import Region, Unit

OPEN, CLOSED = Alert.State.OPEN, Alert.State.CLOSED
BATCH = 100  # warnings written per transaction: about 0.1 s of the write lock
Progress = Callable[[int, int], None]  # (done, total) after each batch


@dataclass
class RefreshResult:
    raised: list[Alert] = field(default_factory=list)
    escalated: list[Alert] = field(default_factory=list)  # level went up
    lowered: list[Alert] = field(default_factory=list)
    cleared: list[Alert] = field(default_factory=list)
    notified: int = 0


def _scoped(alerts, region_ids: Iterable[int] | None, unit_ids: Iterable[int] | None):
    """``alerts`` of the regions and units a run looks at (None: all)."""
    if region_ids is not None:
        alerts = alerts.filter(region_id__in=sorted(region_ids))
    if unit_ids is not None:
        alerts = alerts.filter(unit_id__in=sorted(unit_ids))
    return alerts


def _suppressed(wanted: dict, region_ids: Iterable[int] | None, unit_ids=None) -> set[tuple[str, str]]:
    """Subjects the office closed by decision for the situation they are still in, at a level not below
    today's: they stay closed."""
    decided = _scoped(
        Alert.objects.filter(state=CLOSED, closed_how=Alert.ClosedHow.DECIDED), region_ids, unit_ids
    )
    found = set()
    for rule, key, level, evidence in decided.values_list("rule", "key", "level", "evidence"):
        spec = wanted.get((rule, key))
        if spec and spec.evidence.get("since") == evidence.get("since") and rank(spec.level) <= rank(level):
            found.add((rule, key))
    return found


def _entry(actor: User | None, action: str, alert: Alert, **values) -> AuditEvent:
    """The audit entry of a change to ``alert``: placed at the actor's, or without one at the warning's unit
    (read with the warning, not once per entry)."""
    place = None if actor is not None else (alert.unit_id, alert.unit.region_id)
    return audit_entry(actor=actor, action=action, obj=alert, place=place, **values)


# The columns a raise writes; the others take their defaults (open, told nothing, version 1 …).
RAISED = (
    "rule", "key", "region_id", "unit_id", "assignment_id", "level", "required", "summary", "evidence",
    "raised_at", "refreshed_at",
)  # fmt: skip


class _Raising:
    """A run's raises, prepared outside the write lock: each batch's rows and audit entries are built before
    its transaction, which only inserts them (the warnings, then their entries with the ids the insert
    returned). The warnings stored come back as ``Alert`` objects for the result and the messages."""

    def __init__(self, now, actor: User | None) -> None:
        self.now, self.actor = now, actor
        self.actor_place = None if actor is None else place_of(actor)
        # Every column's default but the evidence's (a new dict a warning: a shared one would be one object).
        fields = [f for f in Alert._meta.concrete_fields if f.name != "evidence"]
        self.defaults = {f.attname: f.get_default() for f in fields}
        self.units: dict[int, Unit] = {}

    def write(self, specs: Sequence[AlertSpec]) -> list[Alert]:
        now = self.now
        written, told = {}, {}
        for s in specs:
            required = required_for(s.level)
            written[s.rule, s.key] = {
                "rule": s.rule,
                "key": s.key,
                "region_id": s.region_id,
                "unit_id": s.unit_id,
                "assignment_id": s.assignment_id,
                "level": s.level,
                "required": required,
                "summary": s.summary,
                "evidence": s.evidence,
                "raised_at": now,
                "refreshed_at": now,
            }
            # What an entry of its own said (level, requirement, summary), with the rule and subject.
            told[s.rule, s.key] = {
                "rule": s.rule, "key": s.key, "level": s.level, "required": required, "summary": s.summary
            }  # fmt: skip
        rows = [tuple(values[name] for name in RAISED) for values in written.values()]
        with batch_transaction():
            mine = self._insert(rows)  # (id, rule, key) of the rows this insert stored
            audit_record_values(self._entries(mine, written, told))
        return self._alerts(mine, written)

    def _entries(self, mine: list[tuple[int, str, str]], written: dict, told: dict) -> list[dict]:
        """The batch's audit entries: one ``alert.raise_batch`` per unit, placed at the actor's or (the tick)
        at the unit, listing each warning raised with its id; the ids indexed (``covers``), so the log
        filtered by a warning, and its history, find its raising."""
        by_unit: dict[int, list[tuple[int, str, str]]] = {}
        for stored in mine:
            by_unit.setdefault(written[stored[1], stored[2]]["unit_id"], []).append(stored)
        entries = []
        for unit_id, raised in by_unit.items():
            region_id = written[raised[0][1], raised[0][2]]["region_id"]
            entry = audit_values(
                model=Alert,
                action="alert.raise_batch",
                at=self.now,
                place=self.actor_place or (unit_id, region_id),
                actor_id=None if self.actor is None else self.actor.pk,
                object_repr=f"{len(raised)} 条预警",
                after={"alerts": [{"id": pk, **told[rule, key]} for pk, rule, key in raised]},
            )
            entry[COVERS] = [pk for pk, _, _ in raised]
            entries.append(entry)
        return entries

    def _insert(self, rows: list[tuple]) -> list[tuple[int, str, str]]:
        if connection.features.can_return_rows_from_bulk_insert:
            # Only the rows this insert stored come back (not a subject another run opened meanwhile).
            back = ("id", "rule", "key")
            return sorted(insert_rows(Alert, RAISED, rows, ignore_conflicts=True, returning=back))
        insert_rows(Alert, RAISED, rows, ignore_conflicts=True)  # no RETURNING: found by the run's moment
        keys = {(row[0], row[1]) for row in rows}
        found = Alert.objects.filter(
            state=OPEN, raised_at=self.now, rule__in={k[0] for k in keys}, key__in={k[1] for k in keys}
        )
        return sorted(r for r in found.values_list("pk", "rule", "key") if (r[1], r[2]) in keys)

    def _alerts(self, stored: list[tuple[int, str, str]], written: dict[tuple, dict]) -> list[Alert]:
        """The stored warnings as ``Alert`` objects (from the values written, not read back), each with its
        unit."""
        missing = {written[rule, key]["unit_id"] for _, rule, key in stored} - self.units.keys()
        self.units.update(Unit.objects.in_bulk(sorted(missing)) if missing else {})
        alerts = []
        for pk, rule, key in stored:
            values = written[rule, key]
            alert = stored_instance(Alert, {**self.defaults, **values, "id": pk}, using=connection.alias)
            alert.unit = self.units[values["unit_id"]]
            alerts.append(alert)
        return alerts


def _change_level(alert: Alert, spec: AlertSpec, now, actor: User | None, entries: list) -> bool:
    """Move an open warning to the level the data gives, audited; False when another run did it first."""
    before = {"level": alert.level, "required": alert.required}
    after = {"level": spec.level, "required": required_for(spec.level)}
    matched = Alert.objects.filter(pk=alert.pk, state=OPEN, level=alert.level).update(
        **after, summary=spec.summary, evidence=spec.evidence, refreshed_at=now, version=F("version") + 1
    )
    if matched:
        entries.append(_entry(actor, "alert.level", alert, before=before, after=after))
        alert.level, alert.required = spec.level, after["required"]
    return bool(matched)


def _clear(alert: Alert, now, actor: User | None, entries: list) -> bool:
    matched = Alert.objects.filter(pk=alert.pk, state=OPEN).update(
        state=CLOSED,
        closed_how=Alert.ClosedHow.CLEARED,
        closed_at=now,
        refreshed_at=now,
        version=F("version") + 1,
    )
    if matched:
        after = {"state": CLOSED, "closed_how": Alert.ClosedHow.CLEARED}
        entries.append(_entry(actor, "alert.clear", alert, before={"state": OPEN}, after=after))
    return bool(matched)


def _update(
    alerts: list[tuple[Alert, AlertSpec | None]], now, actor: User | None, result: RefreshResult
) -> None:
    """One batch of open warnings brought in line with their specs (None: the rules no longer produce it)."""
    entries: list[AuditEvent] = []
    for alert, spec in alerts:
        if spec is None:
            if _clear(alert, now, actor, entries):
                result.cleared.append(alert)
        elif spec.level != alert.level:
            up = rank(spec.level) > rank(alert.level)
            if _change_level(alert, spec, now, actor, entries):
                (result.escalated if up else result.lowered).append(alert)
        elif spec.summary != alert.summary or spec.evidence != alert.evidence:
            # One UPDATE by key each: bulk_update's CASE over thousands of rows is far slower.
            Alert.objects.filter(pk=alert.pk, state=OPEN).update(
                summary=spec.summary, evidence=spec.evidence, refreshed_at=now, version=F("version") + 1
            )
    audit_record_many(entries)


def alerts_refresh(
    *,
    today: date,
    region_ids: Iterable[int] | None = None,
    unit_ids: Iterable[int] | None = None,
    actor: User | None = None,
    progress: Progress | None = None,
) -> RefreshResult:
    """Bring the warnings of every region (or of ``region_ids``, a set of regions with everything below
    them already in it; or of ``unit_ids`` only) in line with the rules on ``today``; then tell the units
    of the warnings raised or escalated (``alerts.notify``). ``actor`` is the office admin who pressed
    立即核对, None for the tick; ``progress`` hears (done, total) after each batch. Not to be run inside a
    transaction of the caller's (the tick's dry run aside): the batches keep the database free for users."""
    region_ids = None if region_ids is None else set(region_ids)
    unit_ids = None if unit_ids is None else set(unit_ids)
    now = timezone.now()
    # Reads first, no lock held; the open warnings as plain values, whole rows only for those that change.
    wanted = {
        (s.rule, s.key): s for s in alerts_wanted(today=today, region_ids=region_ids, unit_ids=unit_ids)
    }
    open_alerts = _scoped(Alert.objects.filter(state=OPEN), region_ids, unit_ids)
    fields = ("pk", "rule", "key", "level", "summary", "evidence")
    open_keys, stale = set(), []
    for pk, rule, key, level, summary, evidence in open_alerts.values_list(*fields).iterator(chunk_size=2000):
        open_keys.add((rule, key))
        spec = wanted.get((rule, key))
        if spec is None or (spec.level, spec.summary, spec.evidence) != (level, summary, evidence):
            stale.append(pk)
    new = [s for k, s in wanted.items() if k not in open_keys]
    skip = _suppressed(wanted, region_ids, unit_ids) if new else set()
    # By unit: a batch's warnings then share few units, and its audit entries are one a unit.
    to_raise = sorted((s for s in new if (s.rule, s.key) not in skip), key=lambda s: s.unit_id)
    to_check = []
    for ids in batches(stale, 1000):
        to_check += [
            (a, wanted.get((a.rule, a.key))) for a in Alert.objects.filter(pk__in=ids).select_related("unit")
        ]
    total, done = len(to_raise) + len(to_check), 0
    result = RefreshResult()
    raising = _Raising(now, actor)
    # Then the writes, a short transaction a batch.
    for specs in batches(to_raise, BATCH):
        result.raised += raising.write(specs)
        done += len(specs)
        if progress:
            progress(done, total)
    for batch in batches(to_check, BATCH):
        with batch_transaction():
            _update(batch, now, actor, result)
        done += len(batch)
        if progress:
            progress(done, total)
    if unit_ids is None:  # some units of a region are not the region checked (the tick marks them all)
        _checked(region_ids, now)
    result.notified = alerts_tell([*result.raised, *result.escalated])
    return result


def _checked(region_ids: Iterable[int] | None, now) -> None:
    """最近核对时间: one row a region looked at (``RegionCheck``), not an UPDATE of every open warning."""
    regions = region_ids if region_ids is not None else Region.objects.values_list("pk", flat=True)
    with batch_transaction():
        RegionCheck.objects.bulk_create(
            [RegionCheck(region_id=pk, checked_at=now) for pk in sorted(regions)],
            update_conflicts=True,
            unique_fields=["region"],
            update_fields=["checked_at"],
        )


def _order_units(ids: list[int]) -> set[int] | None:
    """A 督办单's change (issued, deadline, closed) reaches every recipient's unit."""
    if SupervisionOrder.objects.filter(pk__in=ids).count() < len(ids):
        return None
    return set(OrderRecipient.objects.filter(order_id__in=ids).values_list("unit_id", flat=True))


# What the rules read besides lines and reports (``ledger.changes``): its changes are recounted by unit.
UNITS_OF = {
    "supervision.orderrecipient": units_by(OrderRecipient),
    "supervision.supervisionorder": _order_units,
    "supervision.assignmentexplanation": units_by(AssignmentExplanation, "assignment__unit_id"),
    "rectification.rectificationitem": units_by(RectificationItem),
    "rectification.rectificationprogress": units_by(RectificationProgress, "item__unit_id"),
}
MARK = "alerts"


def alerts_refresh_step(*, today: date) -> RefreshResult:
    """The tick's step. The rules read the data and the date only, so on the day of the last run the
    warnings can differ only in the regions of units whose data changed since (``ledger.changes``, the
    audit log): those units are refreshed (a warning is a unit's, measured from its own data) and every
    region is marked checked. The day's first tick, and a change to a plan, a unit or anything not tied to
    units, refresh every region."""
    started = timezone.now()
    touched = touched_since(MARK, today=today, units_of=UNITS_OF)
    if touched.everything:
        result = alerts_refresh(today=today)
    else:
        units = touched.line_units()
        result = alerts_refresh(today=today, unit_ids=units) if units else RefreshResult()
        _checked(None, started)
    with batch_transaction():
        mark_through(MARK, touched=touched, today=today)
    return result
