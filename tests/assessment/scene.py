"""A small region for the assessment tests: an office (admin, leader), two units with a liaison and a head
each, a unit of another region, and a published plan running 2020–2021 with a line per unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from taizhang.accounts.models import Role, User
from taizhang.assessment import services
from taizhang.assessment.models import Assessment, Score, StandardVersion
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan
from taizhang.units.models import Region, Unit
from tests.factories import (
    make_assignment,
    make_plan,
    make_region,
    make_standard_version,
    make_unit,
    make_user,
)

TZ = ZoneInfo("Asia/Shanghai")
# Assessments of 2020 are run in March 2021 (the year closed, its Q4 reports due on 10 January).
RUN_AT = datetime(2021, 3, 1, 10, tzinfo=TZ)


@dataclass
class Scene:
    region: Region
    office: User
    leader: User
    u1: Unit
    u2: Unit
    liaison1: User
    head1: User
    liaison2: User
    other_office: User
    plan: Plan
    line1: Assignment
    line2: Assignment
    version: StandardVersion


def build_scene() -> Scene:
    region = make_region()
    office_unit = make_unit(region=region, name=f"{region.name}惩防办")
    u1, u2 = make_unit(region=region), make_unit(region=region)
    other = make_region()
    plan = make_plan(region=region, period_start=2020, period_end=2021, tasks_per_section=4)
    plan.published_at = datetime(2020, 1, 5, tzinfo=TZ)
    plan.save(update_fields=["published_at"])
    t1, t2, _t3, _t4 = plan.tasks.order_by("order")
    office = make_user(unit=office_unit, role=Role.OFFICE_ADMIN, region=region)
    return Scene(
        region=region,
        office=office,
        leader=make_user(unit=office_unit, role=Role.LEADER, region=region),
        u1=u1,
        u2=u2,
        liaison1=make_user(unit=u1, role=Role.LIAISON),
        head1=make_user(unit=u1, role=Role.UNIT_HEAD),
        liaison2=make_user(unit=u2, role=Role.LIAISON),
        other_office=make_user(role=Role.OFFICE_ADMIN, region=other),
        plan=plan,
        line1=make_assignment(task=t1, unit=u1),
        line2=make_assignment(task=t2, unit=u2),
        version=make_standard_version(region=region, created_by=office),
    )


def create(scene: Scene, *, year: int = 2020, title: str = "年度考核", units=None) -> Assessment:
    return services.assessment_create(
        actor=scene.office,
        region=scene.region,
        year=year,
        title=title,
        standard_version=scene.version,
        units=units if units is not None else [scene.u1, scene.u2],
    )


def leaf_scores(assessment: Assessment, unit: Unit) -> dict[str, object]:
    """indicator code → Score of ``unit``."""
    row = assessment.units.get(unit=unit)
    return {s.indicator.code: s for s in row.scores.select_related("indicator")}


def publish(scene: Scene, assessment: Assessment, *, manual: dict[Unit, tuple] | None = None) -> Assessment:
    """Compute, score the manual leaf 1.2 (unit → (points, reason); 40 by default), review and publish."""
    a = services.assessment_compute(
        actor=scene.office, assessment=assessment, expected_version=assessment.version
    )
    for unit in (scene.u1, scene.u2):
        if not a.units.filter(unit=unit).exists():
            continue
        points, reason = (manual or {}).get(unit, (40, ""))
        score = leaf_scores(a, unit)["1.2"]
        services.assessor_score_save(
            actor=scene.office, score=score, value=points, reason=reason, expected_version=score.version
        )
    a.refresh_from_db()
    a = services.assessment_to_review(actor=scene.office, assessment=a, expected_version=a.version)
    return approve_and_publish(a, office=scene.office, leader=scene.leader)


def approve_and_publish(a: Assessment, *, office: User, leader: User) -> Assessment:
    """提交审批, 审批通过 and 发布 of an assessment in review."""
    a = services.assessment_submit_approval(actor=office, assessment=a, expected_version=a.version)
    a = services.assessment_approve(actor=leader, assessment=a, expected_version=a.version)
    return services.assessment_publish(actor=office, assessment=a, expected_version=a.version)


def published_assessment(*, office: User, units: list[Unit]) -> Assessment:
    """A published 2020 assessment of ``units`` (one region) by ``office``, every manual leaf at full marks:
    for tests elsewhere that need one (the API's schema conformance)."""
    version = make_standard_version(region=units[0].region, created_by=office)
    a = services.assessment_create(
        actor=office, region=units[0].region, year=2020, title="考核", standard_version=version, units=units
    )
    a = services.assessment_compute(actor=office, assessment=a, expected_version=a.version)
    for score in Score.objects.filter(assessed__assessment=a, indicator__method="manual"):
        services.assessor_score_save(
            actor=office,
            score=score,
            value=score.indicator.max_points,
            reason="",
            expected_version=score.version,
        )
    a.refresh_from_db()
    a = services.assessment_to_review(actor=office, assessment=a, expected_version=a.version)
    leader = make_user(role=Role.LEADER, region=units[0].region)
    return approve_and_publish(a, office=office, leader=leader)
