"""领导批示 and 关注 in the permission matrix: made through the services after the orders.

    a1   region A's leader on task T1, reaching U1 and U2 · U1's answer pending · leader_a follows T1
    a2c  the same instruction · U2's answer sent · office_a follows order A
    a2   region A's leader on order A2 (U2 only) · U2's answer pending · inspector_a follows order A2
    b    region B's leader on task TB · UB's answer pending · office_b follows TB

Each object set names its ``instruction``, its ``instruction_reply`` and a ``follow``. Markers ``mk-ins-…``:
an instruction is read by its region's office side and the units it reaches, an answer by the region's
office side and its own unit."""

from __future__ import annotations

from taizhang.accounts.models import Role, User
from taizhang.instructions.services import follow, instruction_answer, instruction_write
from taizhang.plans.models import Task
from taizhang.supervision.models import SupervisionOrder
from taizhang.units.models import Unit
from tests.factories import make_user
from tests.security.matrix_common import OFFICE_SIDE_A as _A
from tests.security.matrix_common import UNIT_U1 as _U1
from tests.security.matrix_common import UNIT_U2 as _U2

MARKERS: dict[str, set[str]] = {
    "mk-ins-t1": _A | _U1 | _U2,
    "mk-ins-a2c-ans": _A | _U2,
    "mk-ins-a2": _A | _U2,
    "mk-ins-b": {"office_b"},
}

_WRITE = {"text": "matrix"}

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "instruction_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    # 待答复: the units' liaisons and heads
    "instruction_inbox": {
        "GET":  "3    3    3    +    +    +    +    3    3    3    3",
        "POST": "3    3    3    5    5    5    5    3    3    3    3",
    },
    # an instruction: its region's office side and the units it reaches (I1 reaches U1 and U2; a2's U2 only)
    "instruction_detail": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # 答复: the unit's own answer only (a2c: already answered → 422); the others' answers are out of sight
    "instruction_answer": {
        "GET":  "3333 3333 3333 5555 5555 5555 5555 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +444 +444 4++4 4++4 3333 3333 3333 3333",
    },
    # 写批示: a leader of the item's region (a draft report is its unit's alone: 404; a covert finding not yet
    # published is seen by the leader, and the service refuses it: 422)
    "instruction_write_task": {
        "GET":  "3333 +++4 3333 3333 3333 3333 3333 3333 3333 3333 3333",
        "POST": "3333 +++4 3333 3333 3333 3333 3333 3333 3333 3333 3333",
    },
    "instruction_write_order": {
        "GET":  "3333 +++4 3333 3333 3333 3333 3333 3333 3333 3333 3333",
        "POST": "3333 +++4 3333 3333 3333 3333 3333 3333 3333 3333 3333",
    },
    "instruction_write_finding": {
        "GET":  "3333 +++4 3333 3333 3333 3333 3333 3333 3333 3333 3333",
        "POST": "3333 +++4 3333 3333 3333 3333 3333 3333 3333 3333 3333",
    },
    "instruction_write_report": {
        "GET":  "3333 ++44 3333 3333 3333 3333 3333 3333 3333 3333 3333",
        "POST": "3333 ++44 3333 3333 3333 3333 3333 3333 3333 3333 3333",
    },
    # 关注: the office side of the item's region (following twice: a message, 302)
    "follow_task": {
        "GET":  "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "follow_order": {
        "GET":  "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "follow_finding": {
        "GET":  "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "follow_report": {
        "GET":  "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "++44 ++44 ++44 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "follow_list": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "5    5    5    3    3    3    3    5    3    3    3",
    },
    # a follow is its follower's alone (a1 leader_a's, a2c office_a's, a2 inspector_a's, b office_b's)
    "follow_seen": {
        "GET":  "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "4+44 +444 44+4 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "unfollow": {
        "GET":  "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "4+44 +444 44+4 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {
    "instruction_write_task": _WRITE,
    "instruction_write_order": _WRITE,
    "instruction_write_finding": _WRITE,
    "instruction_write_report": _WRITE,
    "instruction_answer": {"text": "matrix"},
}


def add_instructions(
    people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit
) -> None:
    leader_a, office_a = people["leader_a"], people["office_a"]
    leader_b = make_user(role=Role.LEADER, region=ub.region)  # writes in region B; not in the matrix
    t1 = Task.objects.get(pk=objects["a1"]["task"])
    i1 = instruction_write(actor=leader_a, kind="task", item=t1, text="mk-ins-t1 抓紧落实")
    order_a2 = SupervisionOrder.objects.get(pk=objects["a2"]["order"])
    i2 = instruction_write(actor=leader_a, kind="order", item=order_a2, text="mk-ins-a2 督促办理")
    tb = Task.objects.get(pk=objects["b"]["task"])
    ib = instruction_write(actor=leader_b, kind="task", item=tb, text="mk-ins-b 抓紧落实")
    answered = instruction_answer(
        actor=people["liaison_u2"], reply=i1.replies.get(unit=u2), text="mk-ins-a2c-ans 已部署"
    )
    order_a = SupervisionOrder.objects.get(pk=objects["a1"]["order"])
    made = {
        "a1": (i1, i1.replies.get(unit=u1), follow(actor=leader_a, kind="task", item=t1)),
        "a2c": (i1, answered, follow(actor=office_a, kind="order", item=order_a)),
        "a2": (i2, i2.replies.get(), follow(actor=people["inspector_a"], kind="order", item=order_a2)),
        "b": (ib, ib.replies.get(), follow(actor=people["office_b"], kind="task", item=tb)),
    }
    for key, (instruction, reply, followed) in made.items():
        objects[key].update(instruction=instruction.pk, instruction_reply=reply.pk, follow=followed.pk)


def instruction_objects() -> dict[str, int]:
    """An instruction with its answer and a follow in a region nobody else has to do with: the path values
    for the deny-by-default walk."""
    from django.test import override_settings

    from tests.factories import make_assignment

    line = make_assignment()
    leader = make_user(role=Role.LEADER, region=line.task.plan.region)
    # The notice to the unit links to the instruction: made with the project's URLs also where a test
    # walks a URL conf of its own (tests.security.open_urls).
    with override_settings(ROOT_URLCONF="taizhang.urls"):
        made = instruction_write(actor=leader, kind="task", item=line.task, text="指示")
    followed = follow(actor=leader, kind="task", item=line.task)
    return {"instruction": made.pk, "instruction_reply": made.replies.get().pk, "follow": followed.pk}
