"""The circulars and inbox messages of the permission matrix's world, one of each per object set:

    a1   a circular published naming U1        a message to U1's liaison
    a2c  a circular published naming U2        a message to U2's head
    a2   a draft circular naming U2 (no 文号)  a message to U2's liaison
    b    a circular published in region B      a message to B's office admin

Published through the services, so their Word files exist. Markers: ``mk-circ-…-t`` in titles, ``mk-note-…-t``
in messages; ``MARKERS`` says who may see each."""

from __future__ import annotations

from taizhang.accounts.models import User
from taizhang.circulars.services import circular_draft, circular_publish
from taizhang.units.models import Unit
from tests.factories import make_notification
from tests.security.matrix_common import OFFICE_SIDE_A as _A

MARKERS: dict[str, set[str]] = {  # -t closes each, so mk-circ-a2-t is not found inside mk-circ-a2c-t
    "mk-circ-a1-t": _A | {"liaison_u1", "head_u1"},
    "mk-circ-a2c-t": _A | {"liaison_u2", "head_u2"},
    "mk-circ-a2-t": {"office_a"},  # a draft: its office only
    "mk-circ-b-t": {"office_b"},
    "mk-note-a1-t": {"liaison_u1"},
    "mk-note-a2c-t": {"head_u2"},
    "mk-note-a2-t": {"liaison_u2"},
    "mk-note-b-t": {"office_b"},
}

# Object set → who gets its message.
RECIPIENTS = {"a1": "liaison_u1", "a2c": "head_u2", "a2": "liaison_u2", "b": "office_b"}


def _circular(office: User, unit: Unit, marker: str, *, publish: bool) -> int:
    circular = circular_draft(
        actor=office,
        kind="inspection",
        title=f"{marker} 通报",
        body=f"{marker}-body 正文",
        units=[unit],
        region=unit.region,
        doc_number=f"{marker}〔2021〕1号" if publish else "",
    )
    if publish:
        circular_publish(actor=office, circular=circular, expected_version=circular.version)
    return circular.pk


def add_circulars_and_messages(
    people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit
) -> None:
    """Put a ``circular`` and a ``notification`` id into each object set."""
    office_a, office_b = people["office_a"], people["office_b"]
    circulars = {
        "a1": _circular(office_a, u1, "mk-circ-a1-t", publish=True),
        "a2c": _circular(office_a, u2, "mk-circ-a2c-t", publish=True),
        "a2": _circular(office_a, u2, "mk-circ-a2-t", publish=False),
        "b": _circular(office_b, ub, "mk-circ-b-t", publish=True),
    }
    for name, pk in circulars.items():
        note = make_notification(recipient=people[RECIPIENTS[name]], subject=f"mk-note-{name}-t 催办")
        objects[name] = {**objects[name], "circular": pk, "notification": note.pk}
