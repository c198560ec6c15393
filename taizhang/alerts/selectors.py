"""Which warnings and talks a user may read. Out of scope → 404.

A warning is read by whoever covers its unit: the unit itself (liaison, head) its own warnings only, the
office, leaders and inspectors of the region every warning of it. The talks held with a unit are read the
same way. Only the office (惩防办管理员 of the region) acts on a warning; the unit explains.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, DateField, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, TruncMonth, TruncQuarter, TruncYear
from django.http import Http404

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope, unit_scope_q
from taizhang.alerts.models import AdmonitionTalk, Alert, Level, RegionCheck
from taizhang.alerts.specs import requires_at_least
from taizhang.plans.models import Plan
from taizhang.supervision.models import AssignmentExplanation


def alert_visible_q(user: User, *, prefix: str = "") -> Q:
    return unit_scope_q(user, unit=f"{prefix}unit")


@dataclass(frozen=True, slots=True)
class AlertFilters:
    """The list's filters; they narrow what the user may see, never widen it. ``state`` defaults to open."""

    level: str | None = None
    rule: str | None = None
    state: str | None = Alert.State.OPEN
    unit_id: int | None = None


def _raised_period() -> Case:
    """The start of the reporting period (the line's plan cadence) the warning was raised in."""
    truncs = {
        Plan.Cadence.MONTH: TruncMonth,
        Plan.Cadence.QUARTER: TruncQuarter,
        Plan.Cadence.YEAR: TruncYear,
    }
    return Case(
        *(
            When(
                assignment__task__plan__report_cadence=cadence,
                then=trunc("raised_at", output_field=DateField()),
            )
            for cadence, trunc in truncs.items()
        ),
        output_field=DateField(),
    )


def with_line_explanation(alerts: QuerySet[Alert]) -> QuerySet[Alert]:
    """``line_explanation_id``: for a warning on a ledger line, the line's explanation
    (``supervision.AssignmentExplanation``, the one store) for the period the warning was raised in or a
    later one — what the unit said, on the warning or on the 问原因 list, the latest first; None for a
    warning on no line (an order, a rectification item), whose explanation is its own."""
    given = AssignmentExplanation.objects.filter(
        assignment=OuterRef("assignment"), as_of__gte=OuterRef("raised_period")
    ).order_by("-as_of", "-given_at", "-id")
    return alerts.annotate(raised_period=_raised_period()).annotate(
        line_explanation_id=Subquery(given.values("pk")[:1])
    )


def attach_given(alerts) -> None:
    """``given`` on each warning: the explanation shown (reason, given_by, given_at) or None — the line's
    (``with_line_explanation``, one query for them all) or, on no line, the warning's own."""
    alerts = list(alerts)
    ids = [a.line_explanation_id for a in alerts if getattr(a, "line_explanation_id", None)]
    found = AssignmentExplanation.objects.select_related("given_by").in_bulk(ids) if ids else {}
    for alert in alerts:
        if alert.assignment_id:
            alert.given = found.get(getattr(alert, "line_explanation_id", None))
        elif alert.explained_at is not None:
            alert.given = Given(alert.explanation, alert.explained_by, alert.explained_at)
        else:
            alert.given = None


@dataclass(frozen=True, slots=True)
class Given:
    """A warning's own explanation, in the shape of ``AssignmentExplanation``'s."""

    reason: str
    given_by: User | None
    given_at: object


def with_checked_at(alerts: QuerySet[Alert]) -> QuerySet[Alert]:
    """``checked_at`` (最近核对时间): for an open warning the later of its region's last check
    (``RegionCheck``) and its own ``refreshed_at``; for a closed one ``refreshed_at``."""
    region_checked = RegionCheck.objects.filter(region_id=OuterRef("region_id")).values("checked_at")[:1]
    checked = Greatest("refreshed_at", Coalesce(Subquery(region_checked), "refreshed_at"))
    return alerts.annotate(
        checked_at=Case(When(state=Alert.State.OPEN, then=checked), default=F("refreshed_at"))
    )


def alert_list(*, user: User, filters: AlertFilters = AlertFilters()) -> QuerySet[Alert]:
    """Warnings the user may read, red first, then the longest open; with unit and region joined."""
    alerts = Alert.objects.filter(alert_visible_q(user))
    if filters.level:
        alerts = alerts.filter(level=filters.level)
    if filters.rule:
        alerts = alerts.filter(rule=filters.rule)
    if filters.state:
        alerts = alerts.filter(state=filters.state)
    if filters.unit_id is not None:
        alerts = alerts.filter(unit_id=filters.unit_id)
    alerts = with_checked_at(with_line_explanation(alerts))
    return alerts.select_related("unit", "region").order_by(LEVEL_ORDER, "raised_at", "pk")


# Red first, then yellow, then notice (the slugs do not sort so).
LEVEL_ORDER = Case(
    When(level=Level.RED, then=Value(0)), When(level=Level.YELLOW, then=Value(1)), default=Value(2)
)


def open_counts(*, user: User, unit_id: int | None = None) -> dict[str, int]:
    """Open warnings the user may read per level (every level present), optionally of one unit."""
    alerts = Alert.objects.filter(alert_visible_q(user), state=Alert.State.OPEN)
    if unit_id is not None:
        alerts = alerts.filter(unit_id=unit_id)
    found = dict(alerts.order_by().values_list("level").annotate(n=Count("pk")))
    return {level: found.get(level, 0) for level in Level.values}


def alert_get(*, user: User, pk: int) -> Alert:
    alert = (
        with_checked_at(with_line_explanation(Alert.objects.filter(alert_visible_q(user), pk=pk)))
        .select_related("unit", "region", "assignment__task__plan", "explained_by", "closed_by")
        .first()
    )
    if alert is None:
        raise Http404
    attach_given([alert])
    return alert


def may_explain(user: User, alert: Alert) -> bool:
    """Whether to offer the explanation form (the service decides again)."""
    return (
        alert.state == Alert.State.OPEN
        and requires_at_least(alert.required, "explain")
        and alert.unit_id in unit_ids_in_scope(user, *UNIT_ROLES)
    )


def may_manage(user: User, alert: Alert) -> bool:
    """The office of the warning's region: offered the talk and close forms."""
    return alert.region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)


def talk_list(
    *, user: User, alert: Alert | None = None, unit_id: int | None = None
) -> QuerySet[AdmonitionTalk]:
    talks = AdmonitionTalk.objects.filter(alert_visible_q(user))
    if alert is not None:
        talks = talks.filter(alert=alert)
    if unit_id is not None:
        talks = talks.filter(unit_id=unit_id)
    return talks.select_related("unit", "alert", "recorded_by").order_by("-held_on", "-pk")
