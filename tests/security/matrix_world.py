"""The world the permission matrix runs in: two cities, three units, a person for every role, and reports
in every review state, built through the services as people would build it.

City 甲 (region A) has units U1 and U2 (and the office's own unit). On plan A, U1 leads task T1 with U2
cooperating, and U2 leads task T2 alone. City 乙 (region B) has unit UB with a line on plan B. Every
first-quarter report of 2021 carries one evidence file:

    a1   U1's line on T1 (lead)          report returned by U1's head (editable again)
    a2c  U2's line on T1 (cooperating)   report submitted and approved by U2's head (waits for the office)
    a2   U2's line on T2 (U2's own task) report still a draft (seen by U2 only)
    b    UB's line on plan B             report submitted (waits for UB's head)

Each object set fills a URL's path: its plan, task, line, report, evidence file and the report's period.

Texts carry ASCII markers (``mk-…``) so a page or a JSON answer that shows something to the wrong person is
caught whatever it is rendered as; ``MARKERS`` says who may see each. Imported by test modules, after Django
is set up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from taizhang.accounts.models import Role, User
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Task
from taizhang.reports import workflow
from taizhang.reports.periods import period_for
from taizhang.reports.services import evidence_add, report_save_draft
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user
from tests.security.matrix_alerts import MARKERS as ALERT_MARKERS
from tests.security.matrix_alerts import add_alerts
from tests.security.matrix_assessment import MARKERS as ASSESSMENT_MARKERS
from tests.security.matrix_assessment import add_assessment
from tests.security.matrix_circulars import MARKERS as CIRCULAR_MARKERS
from tests.security.matrix_circulars import add_circulars_and_messages
from tests.security.matrix_common import OFFICE_SIDE_A as _A
from tests.security.matrix_common import UNIT_U1 as _U1
from tests.security.matrix_common import UNIT_U2 as _U2
from tests.security.matrix_common import marked_pdf as _pdf
from tests.security.matrix_inspections import MARKERS as INSPECTION_MARKERS
from tests.security.matrix_inspections import add_inspections_and_rectification
from tests.security.matrix_instructions import MARKERS as INSTRUCTION_MARKERS
from tests.security.matrix_instructions import add_instructions
from tests.security.matrix_leaders3 import MARKERS as LEADERS3_MARKERS
from tests.security.matrix_leaders3 import add_leaders_risks_meetings
from tests.security.matrix_lookback import MARKERS as LOOKBACK_MARKERS
from tests.security.matrix_lookback import add_lookback
from tests.security.matrix_people import MARKERS as PEOPLE_MARKERS
from tests.security.matrix_people import add_people
from tests.security.matrix_profile import MARKERS as PROFILE_MARKERS
from tests.security.matrix_profile import add_profile
from tests.security.matrix_regulations import MARKERS as REGULATION_MARKERS
from tests.security.matrix_regulations import add_regulations
from tests.security.matrix_sources import MARKERS as SOURCE_MARKERS
from tests.security.matrix_sources import add_sources
from tests.security.matrix_supervision import MARKERS as ORDER_MARKERS
from tests.security.matrix_supervision import add_orders
from tests.security.walker import path_objects

# The people of the matrix, in the order of the expected table's columns.
PEOPLE = (
    "office_a",  # 惩防办管理员 of region A
    "leader_a",  # 领导 of region A (reads)
    "inspector_a",  # 督查员 of region A
    "liaison_u1",
    "head_u1",
    "liaison_u2",
    "head_u2",
    "office_b",  # 惩防办管理员 of region B
    "sysadmin_a",  # 系统管理员 of region A (三员: administrators do no business)
    "secadmin_a",  # 安全管理员 of region A
    "auditadmin_a",  # 审计管理员 of region A
)
# The object sets a path is filled with, in the order of a cell's outcomes.
OBJECT_SETS = ("a1", "a2c", "a2", "b")


# Marker → who may see it: the region's office, leaders and inspectors see the region's lines and every
# report sent; a unit its own lines and reports, drafts included; the lead unit (U1) its cooperating unit's
# line on the task it leads and that line's sent reports; nobody anything of the other city.
MARKERS: dict[str, set[str]] = {
    "mk-plan-a": _A | _U1 | _U2,
    "mk-t1-task": _A | _U1 | _U2,
    "mk-t2-task": _A | _U2,
    "mk-a1-narr": _A | _U1,
    "mk-a1-ev": _A | _U1,
    "mk-a1-reason": _A | _U1,
    "mk-a2c-narr": _A | _U1 | _U2,
    "mk-a2c-ev": _A | _U1 | _U2,
    "mk-a2-narr": _U2,
    "mk-a2-ev": _U2,
    "mk-plan-b": {"office_b"},
    "mk-tb-task": {"office_b"},
    "mk-b-narr": {"office_b"},
    "mk-b-ev": {"office_b"},
}

MARKERS.update(CIRCULAR_MARKERS)
MARKERS.update(INSPECTION_MARKERS)
MARKERS.update(ORDER_MARKERS)
MARKERS.update(ASSESSMENT_MARKERS)
MARKERS.update(ALERT_MARKERS)
MARKERS.update(REGULATION_MARKERS)
MARKERS.update(PEOPLE_MARKERS)
MARKERS.update(PROFILE_MARKERS)
MARKERS.update(SOURCE_MARKERS)
MARKERS.update(LEADERS3_MARKERS)
MARKERS.update(LOOKBACK_MARKERS)
MARKERS.update(INSTRUCTION_MARKERS)


@dataclass(frozen=True)
class World:
    people: dict[str, User]
    objects: dict[str, dict[str, int | str]]  # object set → path_objects


def _report(line: Assignment, liaison: User, marker: str, *steps):
    """The line's first-quarter report with one evidence file, taken through ``steps`` (callables of the
    report, returning it)."""
    period = period_for(date(2021, 1, 1), line.task.plan.report_cadence)
    report = report_save_draft(
        actor=liaison, assignment=line, period=period, status="in_progress", narrative=f"{marker}-narr 进展"
    )
    evidence = evidence_add(report=report, upload=_pdf(f"{marker}-ev"), actor=liaison)
    for step in steps:
        report = step(report)
    return path_objects(line=line, report=report, evidence=evidence)


def _submit(liaison):
    return lambda r: workflow.report_submit(actor=liaison, report=r, expected_version=r.version)


def _approve(head):
    return lambda r: workflow.report_approve(actor=head, report=r, expected_version=r.version)


def _return(head, reason):
    return lambda r: workflow.report_return(actor=head, report=r, reason=reason, expected_version=r.version)


def _with_source(plan, marker: str) -> None:
    """The plan as if imported from a file, so its source download has something to send."""
    plan.source_file = default_storage.save(f"plans/{marker}.docx", ContentFile(marker.encode()))
    plan.source_name = f"{marker}.docx"
    plan.save(update_fields=["source_file", "source_name"])


def _texts(plan, *markers: str) -> list[Task]:
    tasks = list(plan.tasks.order_by("order"))
    for task, marker in zip(tasks, markers, strict=False):
        task.text = f"{marker} 落实任务"
        task.save(update_fields=["text"])
    return tasks


def build_world() -> World:
    """Build it on 5 April 2021 (the first quarter over, its report due on the 10th)."""
    with time_machine.travel(datetime(2021, 4, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        return _build()


def _build() -> World:
    region_a, region_b = make_region(name="甲市"), make_region(name="乙市")
    office_unit_a = make_unit(region=region_a, name="甲市惩防办")
    u1 = make_unit(region=region_a, name="甲市第一局")
    u2 = make_unit(region=region_a, name="甲市第二局")
    office_unit_b = make_unit(region=region_b, name="乙市惩防办")
    ub = make_unit(region=region_b, name="乙市第一局")

    plan_a = make_plan(region=region_a, title="mk-plan-a 实施方案", tasks_per_section=3)
    plan_b = make_plan(region=region_b, title="mk-plan-b 实施方案", tasks_per_section=1)
    _with_source(plan_a, "mk-src-a")
    _with_source(plan_b, "mk-src-b")
    t1, t2, _ = _texts(plan_a, "mk-t1-task", "mk-t2-task", "mk-t3-task")
    (tb,) = _texts(plan_b, "mk-tb-task")

    people = {
        "office_a": make_user(unit=office_unit_a, role=Role.OFFICE_ADMIN, region=region_a),
        "leader_a": make_user(unit=office_unit_a, role=Role.LEADER, region=region_a),
        "inspector_a": make_user(unit=office_unit_a, role=Role.INSPECTOR, region=region_a),
        "liaison_u1": make_user(unit=u1, role=Role.LIAISON),
        "head_u1": make_user(unit=u1, role=Role.UNIT_HEAD),
        "liaison_u2": make_user(unit=u2, role=Role.LIAISON),
        "head_u2": make_user(unit=u2, role=Role.UNIT_HEAD),
        "office_b": make_user(unit=office_unit_b, role=Role.OFFICE_ADMIN, region=region_b),
        "sysadmin_a": make_user(unit=office_unit_a, role=Role.SYSTEM_ADMIN, region=region_a),
        "secadmin_a": make_user(unit=office_unit_a, role=Role.SECURITY_ADMIN, region=region_a),
        "auditadmin_a": make_user(unit=office_unit_a, role=Role.AUDIT_ADMIN, region=region_a),
    }
    liaison_b = make_user(unit=ub, role=Role.LIAISON)  # writes UB's report; not in the matrix
    p = people

    a1 = make_assignment(task=t1, unit=u1)
    a2c = make_assignment(task=t1, unit=u2, role=Assignment.Role.COOPERATING)
    a2 = make_assignment(task=t2, unit=u2)
    b = make_assignment(task=tb, unit=ub)
    objects = {
        "a1": _report(
            a1, p["liaison_u1"], "mk-a1", _submit(p["liaison_u1"]), _return(p["head_u1"], "mk-a1-reason 补充")
        ),
        "a2c": _report(a2c, p["liaison_u2"], "mk-a2c", _submit(p["liaison_u2"]), _approve(p["head_u2"])),
        "a2": _report(a2, p["liaison_u2"], "mk-a2"),
        "b": _report(b, liaison_b, "mk-b", _submit(liaison_b)),
    }
    add_circulars_and_messages(people, objects, u1=u1, u2=u2, ub=ub)
    add_inspections_and_rectification(people, objects, u1=u1, u2=u2, ub=ub)
    add_orders(people, objects, u1=u1, u2=u2, ub=ub)
    add_regulations(people, objects, u1=u1, u2=u2, ub=ub)
    add_alerts(people, objects, u1=u1, u2=u2, ub=ub)
    add_assessment(people, objects, u1=u1, u2=u2, ub=ub)
    add_people(people, objects, u1=u1, u2=u2, ub=ub)
    add_profile(people, objects)
    add_sources(people, objects, u1=u1, u2=u2, ub=ub)
    add_leaders_risks_meetings(people, objects, u1=u1, u2=u2, ub=ub)
    add_lookback(people, objects, u1=u1, u2=u2, ub=ub)
    add_instructions(people, objects, u1=u1, u2=u2, ub=ub)
    return World(people=people, objects=objects)
