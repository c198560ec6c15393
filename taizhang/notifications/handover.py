"""Telling the next person of a hand-over (交接提醒): a report submitted, approved, returned or accepted; an
order issued or replied to; a close-out requested, refused or closed; a line chased by hand (催办).

The service that makes the hand-over calls ``tell`` inside its own transaction, so the messages and their
deliveries commit with the step or not at all. Sending happens after the commit by construction: the inbox
delivery is done on the spot, e-mail and the robot are sent by ``taizhang worker`` (within seconds) or the
next ``taizhang tick``, which only ever read committed rows.

Told once: the ``occasion`` names the step (``report:12:v4:submit``: the record and the version the step
made); each message's dedup key is ``handover:<occasion>:user:<id>``. A step cannot be taken twice from the
same version, and a retried call finds the key stored (``notify_many`` leaves it out), so a retry or a
second tick sends nothing twice, while a report submitted again after a return is a new occasion.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import office_admins_of_regions, people_of_units
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification
from taizhang.notifications.services import notify_many
from taizhang.units.selectors import region_ancestor_ids


def unit_people(unit_id: int, *roles: str) -> list[User]:
    """The active holders of ``roles`` on the unit, each once, by id."""
    found = people_of_units([unit_id], roles=roles or (Role.LIAISON, Role.UNIT_HEAD))
    return sorted({u.pk: u for users in found.values() for u in users}.values(), key=lambda u: u.pk)


def office_over(region_id: int) -> list[User]:
    """The office admins nearest above (or on) ``region_id``: those granted on the region itself, or, when it
    has none, on its parent, and so on up. The office that reviews a unit's work is the nearest one."""
    chain = region_ancestor_ids(region_id)
    admins = office_admins_of_regions(chain)
    return next((admins[r] for r in chain if r in admins), [])


def intents(
    *,
    people: Iterable[User],
    occasion: str,
    subject: str,
    body: str,
    link: str,
    about: models.Model | None,
    kind: str = Notification.Kind.INFO,
    robot: bool = False,
) -> list[ReminderIntent]:
    """One intent per person (each once, whatever ``people`` repeats) about ``occasion``. With ``robot``, the
    first also goes to the office's group robot: one post per occasion, not one per person."""
    unique = sorted({p.pk: p for p in people}.values(), key=lambda p: p.pk)
    return [
        ReminderIntent(
            recipient=person,
            kind=kind,
            subject=subject,
            body=body,
            link=link,
            about=about,
            dedup_key=f"handover:{occasion}:user:{person.pk}"[:200],
            webhook=robot and i == 0,
        )
        for i, person in enumerate(unique)
    ]


def tell(**occasion) -> list[Notification]:
    """Store the messages of one occasion (``intents``' arguments); returns those stored by this call (none
    for an occasion already told)."""
    return notify_many(intents=intents(**occasion))
