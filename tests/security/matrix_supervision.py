"""The supervision orders (督办单) and reasons (问原因) of the permission matrix's world, made through the
services on 5 April 2021, due 30 April:

    a1   order A to U1 and U2 · U1's reply: a file, then replied (waits for the office)
    a2c  order A to U1 and U2 · U2's reply: a file, replied, returned by the office with a reason
    a2   order A2 to U2 only  · U2's reply: a file, pending; and U2's reason for its own line on task 2
    b    order B in region B  · UB's reply: a file, pending

Each object set names its order, its reply (``recipient``) and the reply's file (``order_evidence``).
Markers: ``mk-ord-…``; ``MARKERS`` says who may see each — above all, a unit never sees the other unit's
reply to the order both received."""

from __future__ import annotations

from datetime import date

from taizhang.accounts.models import Role, User
from taizhang.ledger.models import Assignment
from taizhang.supervision.models import OrderRecipient
from taizhang.supervision.services import (
    explanation_give,
    order_create,
    order_evidence_add,
    order_issue,
    order_reply,
    order_return,
)
from taizhang.units.models import Unit
from tests.factories import make_user
from tests.security.matrix_common import OFFICE_SIDE_A as _A
from tests.security.matrix_common import UNIT_U1 as _U1
from tests.security.matrix_common import UNIT_U2 as _U2
from tests.security.matrix_common import marked_pdf as _pdf

MARKERS: dict[str, set[str]] = {
    "mk-ord-a-t": _A | _U1 | _U2,
    "mk-ord-a1-reply": _A | _U1,
    "mk-ord-a1-ev": _A | _U1,
    "mk-ord-a2c-reply": _A | _U2,
    "mk-ord-a2c-ev": _A | _U2,
    "mk-ord-a2c-reason": _A | _U2,
    "mk-ord-a2-t": _A | _U2,
    "mk-ord-a2-ev": _A | _U2,
    "mk-ord-b-t": {"office_b"},
    "mk-ord-b-ev": {"office_b"},
    "mk-expl-a2": _A | _U2,
}


def _order(office: User, units: list[Unit], marker: str):
    order = order_create(
        actor=office,
        title=f"{marker} 督办单",
        requirement="按要求办理",
        deadline=date(2021, 4, 30),
        units=units,
        topic="制度落实",
        region=units[0].region,
    )
    return order_issue(actor=office, order=order, expected_version=order.version)


def _part(order, unit: Unit, liaison: User, marker: str) -> dict[str, int]:
    recipient = OrderRecipient.objects.select_related("order").get(order=order, unit=unit)
    evidence = order_evidence_add(recipient=recipient, upload=_pdf(f"{marker}-ev"), actor=liaison)
    return {"order": order.pk, "recipient": recipient.pk, "order_evidence": evidence.pk}


def _reply(part: dict, liaison: User, marker: str) -> OrderRecipient:
    recipient = OrderRecipient.objects.select_related("order").get(pk=part["recipient"])
    return order_reply(actor=liaison, recipient=recipient, text=f"{marker}-reply 已办理", expected_version=1)


def add_orders(people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit) -> None:
    """Put an ``order``, a ``recipient`` and an ``order_evidence`` id into each object set, and U2's reason
    for its line on task 2 (object set a2)."""
    office_a, office_b = people["office_a"], people["office_b"]
    liaison_u1, liaison_u2 = people["liaison_u1"], people["liaison_u2"]
    liaison_b = make_user(unit=ub, role=Role.LIAISON)
    order_a = _order(office_a, [u1, u2], "mk-ord-a-t")
    parts = {
        "a1": _part(order_a, u1, liaison_u1, "mk-ord-a1"),
        "a2c": _part(order_a, u2, liaison_u2, "mk-ord-a2c"),
        "a2": _part(_order(office_a, [u2], "mk-ord-a2-t"), u2, liaison_u2, "mk-ord-a2"),
        "b": _part(_order(office_b, [ub], "mk-ord-b-t"), ub, liaison_b, "mk-ord-b"),
    }
    _reply(parts["a1"], liaison_u1, "mk-ord-a1")
    replied = _reply(parts["a2c"], liaison_u2, "mk-ord-a2c")
    order_return(
        actor=office_a, recipient=replied, reason="mk-ord-a2c-reason 补充", expected_version=replied.version
    )
    line = Assignment.objects.get(pk=objects["a2"]["assignment"])
    explanation_give(actor=liaison_u2, assignment=line, reason="mk-expl-a2 人员调整")
    for key, part in parts.items():
        objects[key].update(part)


def order_objects() -> dict[str, int]:
    """An order with a reply and its file in a unit nobody else has to do with: the path values of the
    supervision routes for the deny-by-default walk."""
    from tests.factories import make_evidence, make_order

    recipient = make_order().recipients.get()
    evidence = make_evidence(order_recipient=recipient)
    return {"order": recipient.order_id, "recipient": recipient.pk, "order_evidence": evidence.pk}
