"""Writes of 领导批示 and 关注. Each is one transaction with its audit entry; the people it concerns are told
in the same transaction (``notifications.handover``).

- ``instruction_write``: a leader (领导) whose region grant covers the item's region writes on it; it reaches
  the item's units, or those chosen among them; their liaisons and heads are told.
- ``instruction_answer``: the unit's liaison or head answers (答复), once; the author is told.
- ``follow`` / ``unfollow`` / ``follow_mark_seen``: an office-side user of the item's region follows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from taizhang.accounts.checks import OFFICE_SIDE, acts_for_unit
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_record
from taizhang.instructions.codes import InstructionCode as Code
from taizhang.instructions.models import Follow, Instruction, InstructionReply, ReplyState
from taizhang.instructions.targets import KINDS, target_label, target_units
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.notifications.handover import tell, unit_people
from taizhang.units.models import Unit

MAX_TEXT = 2000


def _leader_of(actor: User, region_id: int | None) -> None:
    if region_id is None or region_id not in region_ids_in_scope(actor, Role.LEADER):
        raise PermissionDenied(
            said(
                "只有本地区的领导可以作出批示。", "Only a leader of the item's region may write instructions."
            )
        )


def instruction_write(
    *,
    actor: User,
    kind: str,
    item: models.Model,
    text: str,
    units: Iterable[Unit] = (),
    due_date: date | None = None,
    today: date | None = None,
) -> Instruction:
    """批示: ``item`` (of ``kind``, already read through its selector) gets the leader's ``text``; it reaches
    ``units`` (each must be one of the item's units; none chosen: all of them)."""
    spec = KINDS[kind]
    region_id = spec.region_id(item)
    _leader_of(actor, region_id)
    if not spec.reachable(item):
        raise Refusal(
            Code.NOT_REACHABLE,
            "该事项的单位尚看不到它（草稿或未公开的暗访），暂不能批示。",
            "The item's units cannot see it yet (a draft, or a covert visit not published).",
        )
    text = clean_text(text, zh="批示内容", en="The instruction", limit=MAX_TEXT)
    if due_date is not None and due_date < (today or timezone.localdate()):
        raise Refusal(Code.DUE_IN_PAST, "答复期限不能早于今天。", "The due date cannot be in the past.")
    own = target_units(kind, item)
    chosen = list(units) or own
    strangers = [u for u in chosen if u.pk not in {o.pk for o in own}]
    if strangers:
        raise Refusal(
            Code.UNIT_NOT_OF_TARGET,
            "所选单位不属于该事项。",
            "A chosen unit has no part in the item.",
            names=[u.name for u in strangers],
        )
    if not chosen:
        raise Refusal(Code.NO_UNITS, "该事项没有承办单位，无法批示。", "The item has no units to reach.")
    with transaction.atomic():
        instruction = Instruction.objects.create(
            author=actor, region_id=region_id, text=text, due_date=due_date, **{kind: item}
        )
        InstructionReply.objects.bulk_create(
            [InstructionReply(instruction=instruction, unit=u) for u in chosen]
        )
        audit_record(
            actor=actor,
            action="instruction.write",
            obj=instruction,
            after={"target": f"{kind}:{item.pk}", "units": [u.pk for u in chosen], "due_date": due_date},
        )
        link = reverse("instruction_detail", args=(instruction.pk,))
        for unit in chosen:
            tell(
                people=unit_people(unit.pk),
                occasion=f"instruction:{instruction.pk}:unit:{unit.pk}",
                subject=f"领导批示：{target_label(kind, item)}"[:200],
                body=f"{unit.name}：{actor}作出批示，请答复。\n{text}",
                link=link,
                about=instruction,
            )
    return instruction


def instruction_answer(*, actor: User, reply: InstructionReply, text: str) -> InstructionReply:
    """答复: the unit's liaison or head answers the instruction, once (a reply already sent is refused)."""
    if not acts_for_unit(actor, reply.unit_id):
        raise PermissionDenied(
            said("只有本单位联络员或负责人可以答复。", "Only the unit's liaison or head may answer.")
        )
    text = clean_text(text, zh="答复内容", en="The answer", limit=MAX_TEXT)
    with transaction.atomic():
        locked = InstructionReply.objects.select_for_update().get(pk=reply.pk)
        if locked.state != ReplyState.PENDING:
            raise Refusal(
                Code.ALREADY_REPLIED, "该批示已答复。", "The instruction has been answered already."
            )
        locked.state, locked.text = ReplyState.REPLIED, text
        locked.replied_by, locked.replied_at = actor, timezone.now()
        locked.save(update_fields=["state", "text", "replied_by", "replied_at"])
        audit_record(actor=actor, action="instruction.answer", obj=locked, after={"state": locked.state})
        instruction = locked.instruction
        tell(
            people=[instruction.author],
            occasion=f"instruction:{instruction.pk}:unit:{locked.unit_id}:answered",
            subject=f"批示答复：{locked.unit.name}"[:200],
            body=f"{locked.unit.name}已答复您的批示：{instruction.text[:60]}\n{text}",
            link=reverse("instruction_detail", args=(instruction.pk,)),
            about=instruction,
        )
    return locked


# ---- 关注 ----


def _office_side_of(actor: User, region_id: int | None) -> None:
    if region_id is None or region_id not in region_ids_in_scope(actor, *OFFICE_SIDE):
        raise PermissionDenied(
            said(
                "只有本地区的领导和惩防办人员可以关注事项。",
                "Only the region's office side may follow items.",
            )
        )


def _last_event_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def follow(*, actor: User, kind: str, item: models.Model) -> Follow:
    """关注: ``actor`` (office side of the item's region) follows ``item``; changes from now on are told."""
    _office_side_of(actor, KINDS[kind].region_id(item))
    if Follow.objects.filter(user=actor, **{kind: item}).exists():
        raise Refusal(Code.ALREADY_FOLLOWED, "已关注该事项。", "You follow this item already.")
    try:
        with transaction.atomic():
            now = _last_event_id()
            made = Follow.objects.create(user=actor, told_through=now, seen_through=now, **{kind: item})
            audit_record(actor=actor, action="follow.add", obj=made, after={"target": f"{kind}:{item.pk}"})
    except IntegrityError:  # followed by a parallel request between the check and the insert
        raise Refusal(Code.ALREADY_FOLLOWED, "已关注该事项。", "You follow this item already.") from None
    return made


def unfollow(*, actor: User, follow: Follow) -> None:
    """取消关注: the follower's own follow (the selector has checked it is theirs)."""
    if follow.user_id != actor.pk:
        raise Follow.DoesNotExist
    with transaction.atomic():
        audit_record(
            actor=actor, action="follow.remove", obj=follow, before={"target": str(follow.target_kind)}
        )
        follow.delete()


def follow_mark_seen(*, actor: User, follow: Follow) -> Follow:
    """已阅: the changes told so far are read; the 工作台 stops listing the item until the next change."""
    if follow.user_id != actor.pk:
        raise Follow.DoesNotExist
    if follow.seen_through != follow.told_through:
        with transaction.atomic():
            follow.seen_through = follow.told_through
            follow.save(update_fields=["seen_through"])
            audit_record(
                actor=actor, action="follow.seen", obj=follow, after={"seen_through": follow.seen_through}
            )
    return follow
