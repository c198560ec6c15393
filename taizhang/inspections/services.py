"""Writes for inspections (督办检查): planning one, and its steps 计划中 → 检查中 → 已完成 → 已公开.

The office admins of the inspection's region act. Wrong role → ``PermissionDenied``; a step the state does
not allow → ``Refusal``; a step taken from an outdated page → ``StaleEdit``. Each write is one
transaction with its audit entry. Findings are recorded in ``inspections.findings``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.audit.services import audit_record, snapshot
from taizhang.inspections.checks import region_reach, regulation_applies, task_applies
from taizhang.inspections.codes import InspectionCode
from taizhang.inspections.models import Inspection, RiskPoint
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.plans.models import Task
from taizhang.regulations.models import Regulation
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids

State = Inspection.State
_FIELDS = ["kind", "title", "region", "lead_leader_name", "lead_leader", "start_date", "end_date", "covert"]


def _clean_scope(region: Region, units, tasks, regulations) -> None:
    if not units:
        raise ValidationError({"units": said("请至少选择一个被检查单位。", "Choose at least one unit.")})
    below = region_subtree_ids({region.pk})
    if stray := [u.name for u in units if u.region_id not in below or not u.active]:
        raise ValidationError(
            {"units": said(f"不在本地区的单位：{'、'.join(stray)}。", "Units outside the region.")}
        )
    reach = region_reach(region)
    if any(not task_applies(t, reach) for t in tasks):
        raise ValidationError(
            {"tasks": said("任务须属于本地区已发布的方案。", "Tasks of the region's plans only.")}
        )
    if any(not regulation_applies(r, reach) for r in regulations):
        raise ValidationError(
            {"regulations": said("制度不适用于本地区。", "A regulation of another region.")}
        )


def _clean_risk_points(units: Sequence[Unit], risk_points: Sequence[RiskPoint]) -> list[RiskPoint]:
    points = list({p.pk: p for p in risk_points}.values())
    unit_ids = {u.pk for u in units}
    if stray := [str(p) for p in points if p.unit_id not in unit_ids or p.state != RiskPoint.State.APPROVED]:
        raise Refusal(
            InspectionCode.RISK_POINTS_OUTSIDE,
            f"只能排查被检查单位已确认的风险点：{'、'.join(stray)}。",
            "Only confirmed risk points of the inspected units may be checked.",
            names=stray,
        )
    return points


def _clean_leader(region: Region, name: str, leader: User | None) -> str:
    name = name.strip() or (str(leader) if leader else "")
    if not name:
        raise ValidationError(
            {"lead_leader_name": said("须明确带队的班子成员。", "Name the leading leader.")}
        )
    if leader is not None and region.pk not in region_ids_in_scope(leader, Role.LEADER, Role.OFFICE_ADMIN):
        raise ValidationError(
            {"lead_leader": said("带队领导须为本地区的领导。", "The leader must be a leader of the region.")}
        )
    return name[:50]


def _clean_follows(actor: User, follows: Inspection, start_date: date) -> None:
    if follows.region_id not in region_ids_in_scope(actor, Role.OFFICE_ADMIN):
        raise ValidationError(
            {"follows": said("只能复查本地区的检查。", "Re-check the region's inspections only.")}
        )
    if follows.state not in (State.DONE, State.PUBLISHED) or follows.start_date > start_date:
        raise ValidationError(
            {
                "follows": said(
                    "再督查针对已完成的前次检查。", "A re-inspection follows an earlier, finished one."
                )
            }
        )


def inspection_plan(
    *,
    actor: User,
    kind: str,
    title: str,
    region: Region,
    start_date: date,
    units: Sequence[Unit],
    lead_leader_name: str = "",
    lead_leader: User | None = None,
    end_date: date | None = None,
    covert: bool = False,
    tasks: Sequence[Task] = (),
    regulations: Sequence[Regulation] = (),
    follows: Inspection | None = None,
    reinspection: bool = False,
    risk_points: Sequence[RiskPoint] = (),
) -> Inspection:
    """计划检查: an inspection of ``units`` (in ``region`` or below), the tasks and regulations it checks,
    led by a member of the leadership. 暗访 is always covert; ``follows`` makes it a 再督查 of an earlier
    inspection, ``reinspection`` alone a 再督查 of the units. ``risk_points`` (排查): confirmed risk points of
    the inspected units."""
    require_office_admin_of(actor, region.pk, doing="安排督办检查", doing_en="plan inspections")
    if kind not in Inspection.Kind.values:
        raise ValidationError({"kind": said("检查方式无效。", "Unknown kind of inspection.")})
    title = title.strip()
    if not title or len(title) > 200:
        raise ValidationError(
            {"title": said("请填写名称（不超过200字）。", "A title of at most 200 characters.")}
        )
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": said("结束日期不能早于开始日期。", "The end precedes the start.")})
    name = _clean_leader(region, lead_leader_name, lead_leader)
    units, tasks, regulations = list(units), list(tasks), list(regulations)
    _clean_scope(region, units, tasks, regulations)
    risk_points = _clean_risk_points(units, risk_points)
    if follows is not None:
        _clean_follows(actor, follows, start_date)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            kind=kind,
            title=title,
            region=region,
            lead_leader_name=name,
            lead_leader=lead_leader,
            start_date=start_date,
            end_date=end_date,
            covert=covert or kind == Inspection.Kind.COVERT,
            reinspection=reinspection or follows is not None,
            follows=follows,
            created_by=actor,
        )
        inspection.units.set(units)
        inspection.tasks.set(tasks)
        inspection.regulations.set(regulations)
        inspection.risk_points.set(risk_points)
        after = snapshot(inspection, fields=[*_FIELDS, "reinspection", "follows", "state"])
        after |= {"units": [u.pk for u in units], "tasks": [t.pk for t in tasks]}
        after["regulations"] = [r.pk for r in regulations]
        after["risk_points"] = [p.pk for p in risk_points]
        audit_record(actor=actor, action="inspection.plan", obj=inspection, after=after)
    return inspection


# verb → (from, to, 中文, English): the one step each service takes.
_STEPS = {
    "start": (State.PLANNED, State.IN_PROGRESS, "开始", "started"),
    "finish": (State.IN_PROGRESS, State.DONE, "结束", "finished"),
    "publish": (State.DONE, State.PUBLISHED, "公开", "published"),
}


def _move(
    inspection: Inspection, *, actor: User, verb: str, expected_version: int, **changes: Any
) -> Inspection:
    from_state, to_state, doing, done_en = _STEPS[verb]
    require_office_admin_of(actor, inspection.region_id, doing=f"{doing}检查", doing_en=f"{verb} inspections")
    if inspection.state != from_state:
        raise Refusal(
            InspectionCode.WRONG_STATE,
            f"检查当前为“{inspection.get_state_display()}”，不能{doing}。",
            f"An inspection that is {inspection.state.replace('_', ' ')} cannot be {done_en}.",
        )
    before = {"state": inspection.state, **{k: getattr(inspection, k) for k in changes}}
    with transaction.atomic():
        save_versioned(inspection, expected_version=expected_version, state=to_state, **changes)
        after = {"state": to_state, **changes}
        audit_record(actor=actor, action=f"inspection.{verb}", obj=inspection, before=before, after=after)
    return inspection


def inspection_start(*, actor: User, inspection: Inspection, expected_version: int) -> Inspection:
    """开始检查: 计划中 → 检查中; findings may be recorded from now on."""
    return _move(inspection, actor=actor, verb="start", expected_version=expected_version)


def inspection_finish(*, actor: User, inspection: Inspection, expected_version: int) -> Inspection:
    """结束检查: 检查中 → 已完成. Without a planned end date, today is the end."""
    require_office_admin_of(actor, inspection.region_id, doing="结束检查", doing_en="finish inspections")
    end = inspection.end_date or timezone.localdate()
    if inspection.state == State.IN_PROGRESS and end < inspection.start_date:
        raise Refusal(
            InspectionCode.EARLY,
            "检查尚未到开始日期，不能结束。",
            "The inspection cannot end before its start date.",
        )
    return _move(inspection, actor=actor, verb="finish", expected_version=expected_version, end_date=end)


def inspection_publish(*, actor: User, inspection: Inspection, expected_version: int) -> Inspection:
    """公开 (通报): 已完成 → 已公开. A covert inspection and its findings become visible to the units in its
    scope only now."""
    now = timezone.now()
    return _move(inspection, actor=actor, verb="publish", expected_version=expected_version, published_at=now)
