"""关注 told: the changes of a followed item are the audit events about it and the rows below it (a task's
lines and reports, an order's replies, and the instructions on the item with their answers). ``taizhang
tick`` runs ``follow_news``: each follow with events past ``told_through`` gets one inbox message listing
them, and ``told_through`` moves on, in one transaction — told once, whatever runs twice. The 工作台 lists the
follows told more than their follower has read (``seen_through``)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from taizhang.instructions.models import Follow, Instruction, InstructionReply
from taizhang.instructions.targets import KINDS, target_label
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification
from taizhang.notifications.services import notify

SHOWN = 10  # changes listed in one message


def item_objects(follow: Follow) -> list[tuple[str, list[int]]]:
    """(audit object type, ids) whose events are changes of the followed item."""
    kind, item = follow.target_kind, follow.target
    instructions = list(Instruction.objects.filter(**{kind: item}).values_list("pk", flat=True))
    replies = list(
        InstructionReply.objects.filter(instruction_id__in=instructions).values_list("pk", flat=True)
    )
    return [
        *KINDS[kind].objects(item),
        ("instructions.instruction", instructions),
        ("instructions.instructionreply", replies),
    ]


def item_changes(follow: Follow, *, after: int, through: int | None = None) -> QuerySet[AuditEvent]:
    """The item's audit events with ids in (after, through], oldest first."""
    wanted = Q()
    for object_type, ids in item_objects(follow):
        if ids:
            wanted |= Q(object_type=object_type, object_id__in=[str(i) for i in ids])
    if not wanted:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(wanted, id__gt=after)
    if through is not None:
        events = events.filter(id__lte=through)
    return events.select_related("actor").order_by("id")


def change_line(event: AuditEvent) -> str:
    """One change as a message lists it: when, who, what."""
    who = str(event.actor) if event.actor else "系统"
    return f"{event.at:%Y-%m-%d %H:%M} {who}：{event.action}（{event.object_repr}）"


def follow_news(*, today: date) -> None:
    """Tell each follower of the changes since they were last told: one message per follow and run."""
    follows = Follow.objects.select_related("user", "task", "order", "finding__inspection", "report")
    for follow in follows.filter(user__is_active=True).order_by("pk").iterator(chunk_size=200):
        events = list(item_changes(follow, after=follow.told_through))
        if not events:
            continue
        last = events[-1].pk
        label = target_label(follow.target_kind, follow.target)
        lines = [change_line(e) for e in events[-SHOWN:]]
        with transaction.atomic():
            notify(
                intent=ReminderIntent(
                    recipient=follow.user,
                    kind=Notification.Kind.INFO,
                    subject=f"关注事项有 {len(events)} 项变化：{label}"[:200],
                    body="\n".join(lines),
                    link=reverse("follow_list") + f"#follow-{follow.pk}",
                    about=follow.target,
                    dedup_key=f"follow:{follow.pk}:through:{last}",
                )
            )
            Follow.objects.filter(pk=follow.pk, told_through=follow.told_through).update(told_through=last)
