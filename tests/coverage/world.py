"""A province, two cities, districts under them, and a plan chain linked by TaskLink: shared by the
coverage, roll-up and command tests.

    省 (province plan: 一 t1 t2 · 二 t3 t4)
    ├── 甲市: plan carries out t1 (task ca) and t2 (task cb)
    │   ├── 甲一区: plan carries out 甲市's ca (chain to t1) and the province's t3 directly
    │   └── 甲二区: no plan
    └── 乙市: plan carries out t1
        └── 乙一区: no plan
"""

from __future__ import annotations

from dataclasses import dataclass

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan, TaskLink
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.units.models import Region
from tests.factories import make_assignment, make_plan, make_region, make_report, make_unit, make_user


@dataclass
class World:
    province: Region
    city_a: Region
    city_b: Region
    district_a1: Region
    district_a2: Region
    district_b1: Region
    plan: Plan  # the province's
    city_a_plan: Plan
    district_a1_plan: Plan
    city_b_plan: Plan


def link(task, upper):
    return TaskLink.objects.create(task=task, upper=upper)


def build() -> World:
    province = make_region(name="测试省", level=Region.Level.PROVINCE)
    city_a = make_region(name="甲市", parent=province)
    city_b = make_region(name="乙市", parent=province)
    district_a1 = make_region(name="甲一区", level=Region.Level.DISTRICT, parent=city_a)
    district_a2 = make_region(name="甲二区", level=Region.Level.DISTRICT, parent=city_a)
    district_b1 = make_region(name="乙一区", level=Region.Level.DISTRICT, parent=city_b)
    plan = make_plan(region=province, level=Plan.Level.PROVINCE, title="省实施办法", sections=2)
    t1, t2, t3, _t4 = plan.tasks.order_by("order")
    city_a_plan = make_plan(region=city_a, title="甲市分解意见")
    ca, cb = city_a_plan.tasks.order_by("order")
    link(ca, t1)
    link(cb, t2)
    district_a1_plan = make_plan(region=district_a1, level=Plan.Level.DISTRICT, title="甲一区分解意见")
    da, db = district_a1_plan.tasks.order_by("order")
    link(da, ca)
    link(db, t3)
    city_b_plan = make_plan(region=city_b, title="乙市分解意见")
    link(city_b_plan.tasks.order_by("order").first(), t1)
    # 甲市's task ca: two lines, one reported done and accepted
    done = make_assignment(task=ca, unit=make_unit(region=city_a, name="甲市纪委"))
    make_assignment(task=ca, unit=make_unit(region=city_a, name="甲市财政局"))
    make_report(assignment=done, status=ProgressReport.Status.DONE, review_state=ReviewState.ACCEPTED)
    make_assignment(task=da, unit=make_unit(region=district_a1, name="甲一区纪委"))
    return World(
        province, city_a, city_b, district_a1, district_a2, district_b1, plan, city_a_plan, district_a1_plan,
        city_b_plan,
    )  # fmt: skip


def office(region: Region, role: Role = Role.OFFICE_ADMIN):
    return make_user(unit=make_unit(region=region), role=role, region=region)
