"""风险点 (重点风险点及时排查): a unit registers its risk points, its head confirms or returns each; the
office reads those of its region and which were checked (排查) by an inspection of the year.

Writes: the unit's liaison or head registers, the unit's head decides — each one transaction with its audit
entry. Reads take the user: a unit its own risk points, the office side (office admins, leaders,
inspectors) those of its regions; anything else is 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from taizhang.accounts.checks import OFFICE_SIDE, acts_for_unit
from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import unit_ids_in_scope, unit_scope_q
from taizhang.audit.services import audit_record, snapshot
from taizhang.inspections.codes import InspectionCode
from taizhang.inspections.models import Inspection, RiskPoint
from taizhang.inspections.selectors import inspection_visible_q
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.units.models import Unit

MAX_TEXT = 2000
_FIELDS = ["unit", "post", "description", "level", "measures", "state", "return_reason"]


def risk_point_register(
    *, actor: User, unit: Unit, post: str, description: str, level: str, measures: str = ""
) -> RiskPoint:
    """登记风险点 for ``unit``, by its liaison or head; it waits for the head's confirmation (待审核)."""
    if not acts_for_unit(actor, unit.pk):
        raise PermissionDenied(
            said(
                "只有本单位联络员或负责人可以登记风险点。",
                "Only the unit's liaison or head registers risk points.",
            )
        )
    post = clean_text(post, zh="岗位/环节", en="The post or step", limit=100, field="post")
    description = clean_text(
        description, zh="风险描述", en="The description", limit=MAX_TEXT, field="description"
    )
    measures = clean_text(
        measures, zh="防控措施", en="The measures", limit=MAX_TEXT, field="measures", required=False
    )
    if level not in RiskPoint.Level.values:
        raise Refusal(
            InspectionCode.BAD_LEVEL, "风险等级须为高、中或低。", "The level is high, medium or low."
        )
    with transaction.atomic():
        point = RiskPoint.objects.create(
            unit=unit, post=post, description=description, level=level, measures=measures, registered_by=actor
        )
        audit_record(
            actor=actor, action="risk_point.register", obj=point, after=snapshot(point, fields=_FIELDS)
        )
    return point


def risk_point_decide(
    *, actor: User, point: RiskPoint, approve: bool, expected_version: int, reason: str = ""
) -> RiskPoint:
    """审核风险点: the unit's head confirms it (已确认) or returns it with a reason (已退回); once only."""
    if point.unit_id not in unit_ids_in_scope(actor, Role.UNIT_HEAD):
        raise Refusal(
            InspectionCode.NOT_UNIT_HEAD,
            "只有本单位负责人可以审核风险点。",
            "Only the unit's head confirms or returns its risk points.",
        )
    if point.state != RiskPoint.State.SUBMITTED:
        raise Refusal(
            InspectionCode.ALREADY_DECIDED,
            f"该风险点已{point.get_state_display()}，不能再次审核。",
            "The risk point has been decided already.",
        )
    changes = {"state": RiskPoint.State.APPROVED, "decided_by": actor, "decided_at": timezone.now()}
    if not approve:
        reason = clean_text(reason, zh="退回理由", en="The reason", limit=MAX_TEXT, field="reason")
        changes |= {"state": RiskPoint.State.RETURNED, "return_reason": reason}
    with transaction.atomic():
        save_versioned(point, expected_version=expected_version, **changes)
        after = {"state": point.state, "return_reason": point.return_reason}
        audit_record(
            actor=actor, action="risk_point.decide", obj=point, before={"state": "submitted"}, after=after
        )
    return point


# ---- reads ----


def risk_point_visible_q(user: User) -> Q:
    """A unit its own risk points; the office side those of the units of its regions."""
    return unit_scope_q(user, *UNIT_ROLES) | unit_scope_q(user, *OFFICE_SIDE)


def risk_point_get(*, user: User, pk: int) -> RiskPoint:
    point = RiskPoint.objects.filter(risk_point_visible_q(user), pk=pk).select_related("unit").first()
    if point is None:
        raise Http404
    return point


def unit_risk_points(*, unit: Unit) -> QuerySet[RiskPoint]:
    """The register of ``unit`` (the caller has checked it is the user's)."""
    return RiskPoint.objects.filter(unit=unit).select_related("registered_by", "decided_by").order_by("-id")


@dataclass(frozen=True, slots=True)
class RiskRow:
    point: RiskPoint
    covered: bool  # checked by an inspection of the year the user may read


def risk_point_overview(*, user: User, year: int) -> list[RiskRow]:
    """The confirmed and pending risk points of the user's regions (office side), each with whether an
    inspection started in ``year`` checked it; high ones first. Two queries."""
    points = list(
        RiskPoint.objects.filter(unit_scope_q(user, *OFFICE_SIDE))
        .exclude(state=RiskPoint.State.RETURNED)
        .select_related("unit")
        .order_by("unit__order", "unit__name", "id")
    )
    checked = set(
        Inspection.risk_points.through.objects.filter(
            riskpoint_id__in=[p.pk for p in points],
            inspection__in=Inspection.objects.filter(inspection_visible_q(user), start_date__year=year),
        ).values_list("riskpoint_id", flat=True)
    )
    order = {RiskPoint.Level.HIGH: 0, RiskPoint.Level.MEDIUM: 1, RiskPoint.Level.LOW: 2}
    rows = [RiskRow(p, p.pk in checked) for p in points]
    return sorted(rows, key=lambda row: order[row.point.level])


def uncovered_high(rows: list[RiskRow]) -> list[RiskRow]:
    """The confirmed high-level risk points no inspection of the year checked: what the office must see."""
    return [
        r
        for r in rows
        if not r.covered
        and r.point.level == RiskPoint.Level.HIGH
        and r.point.state == RiskPoint.State.APPROVED
    ]
