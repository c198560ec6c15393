"""回头看, 配合评价 and the 牵头/配合 weights in the permission matrix's world.

Batches (``lookback``): a1 and a2c batch LA1 of region A, a2 batch LA2 of region A, b batch LB of region B.
Entries (``lookback_entry``): a1 U1's line, not re-checked yet; a2c U2's cooperating line, found 反弹 (note
``mk-lb-u2-note``); a2 U2's own line in LA2, not re-checked; b UB's closed item, 反弹 (``mk-lb-b-note``).
LA1 also holds U1's closed item found 反弹 (``mk-lb-u1-note``). Tasks (``task``) are the object sets' own:
t1 (U1 leads, U2 cooperates) for a1 and a2c, t2 (U2's alone) for a2, tb for b.

The office side reads batches of its region, the region's office admin draws and re-checks; the relapse
list shows a unit its own relapses and the office side its region's. The lead unit's liaison or head rates
its co-units on the task's 配合评价 page, which every reader of the task's co-lines may open."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from taizhang.accounts.models import Role, User
from taizhang.ledger.models import Assignment
from taizhang.rectification.models import LookBack, LookBackEntry, Recheck, RectState
from taizhang.units.models import Unit
from tests.factories import make_rectification
from tests.security.matrix_common import OFFICE_SIDE_A as _A
from tests.security.matrix_common import UNIT_U1 as _U1
from tests.security.matrix_common import UNIT_U2 as _U2

MARKERS: dict[str, set[str]] = {
    "mk-lb-u1-note": _A | _U1,
    "mk-lb-u2-note": _A | _U2,
    "mk-lb-b-note": {"office_b"},
}

EXPECTED_ROWS: dict[str, dict[str, str]] = {
    # OA office_a, LA leader_a, IA inspector_a, L1/H1 liaison/head of U1, L2/H2 of U2, OB office_b
    #            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
    # 回头看 batches: the office side reads its region's; the office admin draws and re-checks
    "lookback_list": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "5    5    5    3    3    3    3    5    3    3    3",
    },
    "lookback_create": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "lookback_detail": {
        "GET":  "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
    },
    # a2c is re-checked already: the service refuses (422)
    "lookback_recheck": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # 反弹清单: every business role, each its own scope
    "relapse_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    # 配合评价: whoever reads the task; only its lead unit rates (U2 leads t2, whose co-lines the posted
    # line is not one of: the form refuses, 422)
    "task_cooperation": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 +++4 +++4 444+ 3333 3333 3333",
        "POST": "3334 3334 3334 ++44 ++44 33+4 33+4 4443 3333 3333 3333",
    },
    # 牵头/配合 weights of a draft version (released ones refuse, 422), as the version's other edits
    "standard_version_role_weights": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {
    "lookback_create": {"title": "matrix", "closed_before": "2020-04-01", "item_count": 1, "line_count": 1},
    "lookback_recheck": {"result": "held", "checked_on": "2021-04-01"},
    "standard_version_role_weights": {"expected_version": 1, "lead_weight": "1", "co_weight": "0.5"},
}


def add_lookback(people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit) -> None:
    """Put ``lookback`` and ``lookback_entry`` ids into each object set (see the module's docstring)."""
    office_a, office_b = people["office_a"], people["office_b"]
    at = datetime(2020, 3, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))

    def closed(unit: Unit, office: User):
        return make_rectification(unit=unit, state=RectState.CLOSED, closed_at=at, closed_by=office)

    def batch(region, office: User, title: str) -> LookBack:
        return LookBack.objects.create(
            region=region, title=title, closed_before=at.date(), seed=1, created_by=office
        )

    def entry(lookback: LookBack, *, unit: Unit, note: str = "", **subject) -> int:
        checked = {"result": Recheck.RELAPSED, "checked_on": at.date(), "checker": lookback.created_by}
        fields = {**checked, "note": note} if note else {}
        return LookBackEntry.objects.create(lookback=lookback, unit=unit, **subject, **fields).pk

    line = {name: Assignment.objects.get(pk=objects[name]["line"]) for name in objects}
    la1, la2 = batch(u1.region, office_a, "2021年回头看"), batch(u1.region, office_a, "2021年专项回头看")
    lb = batch(ub.region, office_b, "乙市回头看")
    entry(la1, unit=u1, item=closed(u1, office_a), note="mk-lb-u1-note 反弹")
    entries = {
        "a1": (la1, entry(la1, unit=u1, line=line["a1"])),
        "a2c": (la1, entry(la1, unit=u2, line=line["a2c"], note="mk-lb-u2-note 反弹")),
        "a2": (la2, entry(la2, unit=u2, line=line["a2"])),
        "b": (lb, entry(lb, unit=ub, item=closed(ub, office_b), note="mk-lb-b-note 反弹")),
    }
    for name, (lookback, entry_id) in entries.items():
        objects[name].update(lookback=lookback.pk, lookback_entry=entry_id)
    FORM_BODIES["task_cooperation"] = {"line": line["a2c"].pk, "rating": 4, "note": "matrix"}


def lookback_objects() -> dict[str, int]:
    """A batch with one entry in a region nobody else has to do with: the path values of the look-back
    routes for the deny-by-default walk."""
    from tests.factories import make_unit, make_user

    unit = make_unit()
    office = make_user(unit=unit, role=Role.OFFICE_ADMIN, region=unit.region)
    at = datetime(2020, 3, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    batch = LookBack.objects.create(
        region=unit.region, title="回头看", closed_before=at.date(), seed=1, created_by=office
    )
    item = make_rectification(unit=unit, state=RectState.CLOSED, closed_at=at, closed_by=office)
    return {"lookback": batch.pk, "lookback_entry": batch.entries.create(unit=unit, item=item).pk}
