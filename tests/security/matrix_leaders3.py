"""联系领导, 风险点 and 联系会议 in the permission matrix's world, made through the services on 5 April 2021:

    a1   region A's leader (leader_a); U1's risk point, pending; a meeting of region A with U1 and U2
         taking part, one open decision, a file
    a2c  leader_a; U2's risk point, confirmed by its head; a meeting of region A with no unit taking part
         (the office side's alone)
    a2   leader_a; U2's risk point, pending; a meeting of region A with U2 taking part
    b    a leader of region B; UB's risk point, pending; a meeting of region B

Markers: ``mk-risk-…-t`` (a risk point's post), ``mk-meet-…-t`` (meeting titles), ``mk-mdec-…-t``
(decisions), ``mk-mfile-…-t`` (meeting files). Path parameters: ``leader``, ``risk_point``, ``meeting``,
``decision``, ``meeting_file``."""

from __future__ import annotations

from datetime import date

from taizhang.accounts.models import Role, User
from taizhang.inspections.riskpoints import risk_point_decide, risk_point_register
from taizhang.meetings.services import meeting_record
from taizhang.units.models import Unit
from tests.factories import make_user
from tests.security.matrix_common import OFFICE_SIDE_A as _A
from tests.security.matrix_common import UNIT_U1 as _U1
from tests.security.matrix_common import UNIT_U2 as _U2
from tests.security.matrix_common import marked_pdf as _pdf

_B = {"office_b"}

# A unit reads its own risk points and the meetings it took part in; the office side of a region all of
# the region's; nothing crosses to region B.
MARKERS: dict[str, set[str]] = {
    "mk-risk-a1-t": _A | _U1,
    "mk-risk-a2c-t": _A | _U2,
    "mk-risk-a2-t": _A | _U2,
    "mk-risk-b-t": _B,
    **{f"mk-{kind}-a1-t": _A | _U1 | _U2 for kind in ("meet", "mdec", "mfile")},
    **{f"mk-{kind}-a2c-t": set(_A) for kind in ("meet", "mdec", "mfile")},
    **{f"mk-{kind}-a2-t": _A | _U2 for kind in ("meet", "mdec", "mfile")},
    **{f"mk-{kind}-b-t": _B for kind in ("meet", "mdec", "mfile")},
}

# OA office_a, LA leader_a, IA inspector_a, L1/H1 liaison/head of U1, L2/H2 of U2, OB office_b
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    # 联系领导: the office side reads the list; a leader their own page; the region's office edits
    "leader_list": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "5    5    5    3    3    3    3    5    3    3    3",
    },
    "leader_mine": {
        "GET":  "3    +    3    3    3    3    3    3    3    3    3",
        "POST": "3    5    3    3    3    3    3    3    3    3    3",
    },
    "leader_link_edit": {
        "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # 风险点: a unit's register (its liaison and head); its head decides (a2c: decided → a message, ok);
    # the office side reads the region's, with their coverage
    "risk_point_register": {
        "GET":  "3    3    3    +    +    +    +    3    3    3    3",
        "POST": "3    3    3    +    +    +    +    3    3    3    3",
    },
    "risk_point_overview": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "5    5    5    3    3    3    3    5    3    3    3",
    },
    "risk_point_decide": {
        "GET":  "3333 3333 3333 3333 5555 3333 5555 3333 3333 3333 3333",
        "POST": "3333 3333 3333 3333 +444 3333 4++4 3333 3333 3333 3333",
    },
    # 联系会议: read by the office side of its region and the units that took part; the office records
    # and turns decisions
    "meeting_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "meeting_create": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "meeting_detail": {
        "GET":  "+++4 +++4 +++4 +444 +444 +4+4 +4+4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "meeting_file_download": {
        "GET":  "+++4 +++4 +++4 +444 +444 +4+4 +4+4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "meeting_decision_order": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "meeting_decision_finding": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {
    "leader_link_edit": {"yearly_quota": 2},
    "risk_point_decide": {"action": "approve", "expected_version": 1},
    "meeting_decision_order": {"o-deadline": "2021-06-30", "o-priority": "normal"},
    "meeting_decision_finding": {"f-severity": "general"},
}

HELD = date(2021, 4, 2)


def _risk(liaison: User, unit: Unit, name: str):
    return risk_point_register(
        actor=liaison, unit=unit, post=f"mk-risk-{name}-t 岗位", description="风险", level="high"
    )


def _meeting(office: User, name: str, units: list[Unit], region) -> dict[str, int]:
    meeting = meeting_record(
        actor=office,
        region=region,
        title=f"mk-meet-{name}-t 联系会议",
        held_on=HELD,
        units=units,
        decisions=[f"mk-mdec-{name}-t 决定"],
        files=[_pdf(f"mk-mfile-{name}-t")],
    )
    return {
        "meeting": meeting.pk,
        "decision": meeting.decisions.get().pk,
        "meeting_file": meeting.evidence.get().pk,
    }


def add_leaders_risks_meetings(
    people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit
) -> None:
    """Put a ``leader``, ``risk_point``, ``meeting``, ``decision`` and ``meeting_file`` id into each set."""
    office_a, office_b = people["office_a"], people["office_b"]
    leader_b = make_user(role=Role.LEADER, region=ub.region)
    liaison_ub = make_user(unit=ub, role=Role.LIAISON)
    confirmed = _risk(people["liaison_u2"], u2, "a2c")
    risk_point_decide(actor=people["head_u2"], point=confirmed, approve=True, expected_version=1)
    region_a, l1, l2 = u1.region, people["liaison_u1"], people["liaison_u2"]
    made = {
        "a1": (people["leader_a"], _risk(l1, u1, "a1"), _meeting(office_a, "a1", [u1, u2], region_a)),
        "a2c": (people["leader_a"], confirmed, _meeting(office_a, "a2c", [], region_a)),
        "a2": (people["leader_a"], _risk(l2, u2, "a2"), _meeting(office_a, "a2", [u2], region_a)),
        "b": (leader_b, _risk(liaison_ub, ub, "b"), _meeting(office_b, "b", [ub], ub.region)),
    }
    for name, (leader, point, meeting) in made.items():
        objects[name] = {**objects[name], "leader": leader.pk, "risk_point": point.pk, **meeting}


def leaders3_objects() -> dict[str, int]:
    """A leader, a risk point and a meeting with a decision and a file, in a region nobody else has to do
    with: the path values of these routes for the deny-by-default walk."""
    office = make_user(role=Role.OFFICE_ADMIN, region=(unit := make_user(role=Role.LIAISON).unit).region)
    liaison = make_user(unit=unit, role=Role.LIAISON)
    leader = make_user(role=Role.LEADER, region=unit.region)
    return {
        "leader": leader.pk,
        "risk_point": _risk(liaison, unit, "deny").pk,
        **_meeting(office, "deny", [unit], unit.region),
    }
