"""The inspections, findings and rectification items of the permission matrix's world, one of each per
object set, made through the services:

    a1   an open inspection of U1 and U2, in progress; a finding at U1; U1's item from it, in progress
         (a progress file)
    a2c  a covert inspection of U1 and U2, done, NOT published; a finding at U2; U2's item without a
         finding, close-out applied (an application file)
    a2   a covert inspection of U2 only, published; a finding at U2; U2's item from it, closed
    b    an open inspection in region B, in progress; a finding at UB; UB's item from it, in progress

Every finding carries a file. Markers: ``mk-insp-…-t`` (inspection titles), ``mk-find-…-t`` (finding
texts), ``mk-fev-…-t`` (finding files), ``mk-rect-…-t`` (item titles), ``mk-rev-…-t`` (item files);
``MARKERS`` says who may see each. The world is built on 5 April 2021."""

from __future__ import annotations

from datetime import date

from taizhang.accounts.models import Role, User
from taizhang.inspections.findings import finding_record
from taizhang.inspections.services import (
    inspection_finish,
    inspection_plan,
    inspection_publish,
    inspection_start,
)
from taizhang.rectification.services import (
    rectification_create,
    rectification_from_finding,
    rectification_progress_add,
)
from taizhang.rectification.workflow import rectification_close, rectification_request_closeout
from taizhang.regulations.models import Regulation
from taizhang.units.models import Unit
from tests.factories import make_user
from tests.security.matrix_common import OFFICE_SIDE_A as _A
from tests.security.matrix_common import UNIT_U1 as _U1
from tests.security.matrix_common import UNIT_U2 as _U2
from tests.security.matrix_common import marked_pdf as _pdf

_B = {"office_b"}

# A covert inspection not yet published is the office side's alone (a2c); a unit reads only its own
# findings and items; nothing crosses to region B.
MARKERS: dict[str, set[str]] = {
    "mk-insp-a1-t": _A | _U1 | _U2,
    "mk-find-a1-t": _A | _U1,
    "mk-fev-a1-t": _A | _U1,
    "mk-rect-a1-t": _A | _U1,
    "mk-rev-a1-t": _A | _U1,
    "mk-insp-a2c-t": _A,
    "mk-find-a2c-t": _A,
    "mk-fev-a2c-t": _A,
    "mk-rect-a2c-t": _A | _U2,
    "mk-rev-a2c-t": _A | _U2,
    "mk-insp-a2-t": _A | _U2,
    "mk-find-a2-t": _A | _U2,
    "mk-fev-a2-t": _A | _U2,
    "mk-rect-a2-t": _A | _U2,
    "mk-rev-a2-t": _A | _U2,
    "mk-insp-b-t": _B,
    "mk-find-b-t": _B,
    "mk-fev-b-t": _B,
    "mk-rect-b-t": _B,
    "mk-rev-b-t": _B,
}

START = date(2021, 4, 1)
DEADLINE = date(2021, 6, 30)


def _inspection(office: User, name: str, units: list[Unit], *, kind: str, to: str):
    inspection = inspection_plan(
        actor=office,
        kind=kind,
        title=f"mk-insp-{name}-t 检查",
        region=units[0].region,
        start_date=START,
        units=units,
        lead_leader_name="带队领导",
    )
    steps = {"in_progress": [inspection_start], "done": [inspection_start, inspection_finish]}
    for step in steps[to]:
        inspection = step(actor=office, inspection=inspection, expected_version=inspection.version)
    return inspection


def _finding(office: User, inspection, unit: Unit, name: str):
    return finding_record(
        actor=office,
        inspection=inspection,
        unit=unit,
        description=f"mk-find-{name}-t 问题",
        files=[_pdf(f"mk-fev-{name}-t")],
    )


def _progress(actor: User, item, name: str) -> int:
    progress = rectification_progress_add(
        actor=actor, item=item, text="整改进展", files=[_pdf(f"mk-rev-{name}-t")]
    )
    return progress.evidence.get().pk


def _apply(actor: User, item, name: str):
    item = rectification_request_closeout(
        actor=actor, item=item, note="已完成", files=[_pdf(f"mk-rev-{name}-t")], expected_version=item.version
    )
    return item, item.evidence.get().pk


def add_inspections_and_rectification(
    people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit
) -> None:
    """Put an ``inspection``, ``finding``, ``finding_evidence``, ``rectification_item`` and
    ``rectification_evidence`` id into each object set."""
    office_a, office_b = people["office_a"], people["office_b"]
    liaison_ub = make_user(unit=ub, role=Role.LIAISON)  # reports UB's progress; not in the matrix
    made = {}

    inspection = _inspection(office_a, "a1", [u1, u2], kind="open", to="in_progress")
    finding = _finding(office_a, inspection, u1, "a1")
    item = rectification_from_finding(
        actor=office_a, finding=finding, measures="", deadline=DEADLINE, title="mk-rect-a1-t 整改"
    )
    made["a1"] = (inspection, finding, item, _progress(people["liaison_u1"], item, "a1"))

    inspection = _inspection(office_a, "a2c", [u1, u2], kind="covert", to="done")
    finding = _finding(office_a, inspection, u2, "a2c")
    regulation = Regulation.objects.create(title="公务接待管理办法", region=u2.region)
    item = rectification_create(
        actor=office_a,
        unit=u2,
        title="mk-rect-a2c-t 整改",
        measures="",
        deadline=DEADLINE,
        regulation=regulation,
    )
    item, evidence = _apply(people["liaison_u2"], item, "a2c")
    made["a2c"] = (inspection, finding, item, evidence)

    inspection = _inspection(office_a, "a2", [u2], kind="covert", to="done")
    finding = _finding(office_a, inspection, u2, "a2")
    inspection_publish(actor=office_a, inspection=inspection, expected_version=inspection.version)
    item = rectification_from_finding(
        actor=office_a, finding=finding, measures="", deadline=DEADLINE, title="mk-rect-a2-t 整改"
    )
    item, evidence = _apply(people["head_u2"], item, "a2")
    item = rectification_close(
        actor=office_a, item=item, verification_note="属实", expected_version=item.version
    )
    made["a2"] = (inspection, finding, item, evidence)

    inspection = _inspection(office_b, "b", [ub], kind="open", to="in_progress")
    finding = _finding(office_b, inspection, ub, "b")
    item = rectification_from_finding(
        actor=office_b, finding=finding, measures="", deadline=DEADLINE, title="mk-rect-b-t 整改"
    )
    made["b"] = (inspection, finding, item, _progress(liaison_ub, item, "b"))

    for name, (inspection, finding, item, item_evidence) in made.items():
        objects[name] = {
            **objects[name],
            "inspection": inspection.pk,
            "finding": finding.pk,
            "finding_evidence": finding.evidence.get().pk,
            "rectification_item": item.pk,
            "rectification_evidence": item_evidence,
        }


def inspection_objects() -> dict[str, int]:
    """One finding with a file and one item with a close-out file, in a unit nobody else has to do with:
    the path values of the inspection and rectification routes for the deny-by-default walk."""
    from tests.factories import make_evidence, make_rectification

    item = make_rectification()
    finding = item.finding
    return {
        "inspection": finding.inspection_id,
        "finding": finding.pk,
        "finding_evidence": make_evidence(finding=finding).pk,
        "rectification_item": item.pk,
        "rectification_evidence": make_evidence(rectification=item).pk,
    }
