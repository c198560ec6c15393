"""核对预警: turn what the rules say today into warning rows — raise the new ones, keep the open ones in step
with the data (level, requirement, summary, evidence: the level follows the data down as well as up), and
close with ``cleared`` those the rules no longer produce. Run by ``taizhang tick`` and by the office's
立即核对 button (for its regions).

Idempotent: a second run finds nothing to raise, change or close. Two runs at once cannot open a subject
twice — the partial unique constraint (one open warning per rule and key) turns the second insert into
nothing (``ignore_conflicts``), and each close or level change is a conditional update audited only by the
run whose update matched. A subject the office closed by decision is not raised again for the same
situation (``evidence["since"]``) unless its level rises above the level it was closed at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.alerts.models import Alert
from taizhang.alerts.notify import alert_intents
from taizhang.alerts.rules import alerts_wanted
from taizhang.alerts.specs import AlertSpec, rank, required_for
from taizhang.audit.services import audit_record
from taizhang.notifications.services import notify

OPEN, CLOSED = Alert.State.OPEN, Alert.State.CLOSED


@dataclass
class RefreshResult:
    raised: list[Alert] = field(default_factory=list)
    escalated: list[Alert] = field(default_factory=list)  # level went up
    lowered: list[Alert] = field(default_factory=list)
    cleared: list[Alert] = field(default_factory=list)
    notified: int = 0


def _suppressed(wanted: dict, region_ids: Iterable[int] | None) -> set[tuple[str, str]]:
    """Subjects the office closed by decision for the situation they are still in, at a level not below
    today's: they stay closed."""
    decided = Alert.objects.filter(state=CLOSED, closed_how=Alert.ClosedHow.DECIDED)
    if region_ids is not None:
        decided = decided.filter(region_id__in=sorted(region_ids))
    found = set()
    for rule, key, level, evidence in decided.values_list("rule", "key", "level", "evidence"):
        spec = wanted.get((rule, key))
        if spec and spec.evidence.get("since") == evidence.get("since") and rank(spec.level) <= rank(level):
            found.add((rule, key))
    return found


def _raise(specs: list[AlertSpec], now, actor: User | None) -> list[Alert]:
    rows = [
        Alert(
            rule=s.rule,
            key=s.key,
            region_id=s.region_id,
            unit_id=s.unit_id,
            assignment_id=s.assignment_id,
            level=s.level,
            required=required_for(s.level),
            summary=s.summary,
            evidence=s.evidence,
            raised_at=now,
            refreshed_at=now,
        )
        for s in specs
    ]
    Alert.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    # This run's rows: raised at its own moment, for the subjects it set out to raise (ids are not returned
    # by an insert that ignores conflicts).
    keys = {(s.rule, s.key) for s in specs}
    mine = Alert.objects.filter(state=OPEN, raised_at=now).select_related("unit")
    raised = [a for a in mine if (a.rule, a.key) in keys]
    for alert in raised:
        after = {"level": alert.level, "required": alert.required, "summary": alert.summary}
        audit_record(actor=actor, action="alert.raise", obj=alert, after=after)
    return raised


def _change_level(alert: Alert, spec: AlertSpec, now, actor: User | None) -> bool:
    """Move an open warning to the level the data gives, audited; False when another run did it first."""
    before = {"level": alert.level, "required": alert.required}
    after = {"level": spec.level, "required": required_for(spec.level)}
    matched = Alert.objects.filter(pk=alert.pk, state=OPEN, level=alert.level).update(
        **after, summary=spec.summary, evidence=spec.evidence, refreshed_at=now, version=F("version") + 1
    )
    if matched:
        audit_record(actor=actor, action="alert.level", obj=alert, before=before, after=after)
        alert.level, alert.required = spec.level, after["required"]
    return bool(matched)


def _clear(alert: Alert, now, actor: User | None) -> bool:
    matched = Alert.objects.filter(pk=alert.pk, state=OPEN).update(
        state=CLOSED,
        closed_how=Alert.ClosedHow.CLEARED,
        closed_at=now,
        refreshed_at=now,
        version=F("version") + 1,
    )
    if matched:
        audit_record(
            actor=actor,
            action="alert.clear",
            obj=alert,
            before={"state": OPEN},
            after={"state": CLOSED, "closed_how": Alert.ClosedHow.CLEARED},
        )
    return bool(matched)


def alerts_refresh(
    *, today: date, region_ids: Iterable[int] | None = None, actor: User | None = None
) -> RefreshResult:
    """Bring the warnings of every region (or of ``region_ids``, a set of regions with everything below
    them already in it) in line with the rules on ``today``; then tell the units of the warnings raised or
    escalated (``alerts.notify``). ``actor`` is the office admin who pressed 立即核对, None for the tick."""
    region_ids = None if region_ids is None else set(region_ids)
    now = timezone.now()
    wanted = {(s.rule, s.key): s for s in alerts_wanted(today=today, region_ids=region_ids)}
    result = RefreshResult()
    with transaction.atomic():
        open_alerts = Alert.objects.filter(state=OPEN).select_related("unit")
        if region_ids is not None:
            open_alerts = open_alerts.filter(region_id__in=sorted(region_ids))
        open_by_key = {(a.rule, a.key): a for a in open_alerts}
        new = [s for k, s in wanted.items() if k not in open_by_key]
        skip = _suppressed(wanted, region_ids) if new else set()
        result.raised = _raise([s for s in new if (s.rule, s.key) not in skip], now, actor)
        for key, alert in open_by_key.items():
            spec = wanted.get(key)
            if spec is None:
                if _clear(alert, now, actor):
                    result.cleared.append(alert)
            elif spec.level != alert.level:
                up = rank(spec.level) > rank(alert.level)
                if _change_level(alert, spec, now, actor):
                    (result.escalated if up else result.lowered).append(alert)
            elif spec.summary != alert.summary or spec.evidence != alert.evidence:
                # One UPDATE by key each: bulk_update's CASE over thousands of rows is far slower.
                Alert.objects.filter(pk=alert.pk, state=OPEN).update(
                    summary=spec.summary, evidence=spec.evidence, refreshed_at=now, version=F("version") + 1
                )
        still_open = Alert.objects.filter(state=OPEN)
        if region_ids is not None:
            still_open = still_open.filter(region_id__in=sorted(region_ids))
        still_open.update(refreshed_at=now)  # 最近核对时间 of every warning the run looked at
    for intent in alert_intents([*result.raised, *result.escalated]):
        if notify(intent=intent) is not None:
            result.notified += 1
    return result
