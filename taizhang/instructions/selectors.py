"""Which instructions, answers and follows a user may read. Out of scope → 404.

An instruction is read by the office side (leaders, office admins, inspectors) of its region and below, and
by the units it reaches — each unit sees its own answer only, as with an order's replies. A follow is its
follower's alone."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope, unit_scope_q
from taizhang.instructions.models import Follow, Instruction, InstructionReply, ReplyState
from taizhang.lib.i18n import said

_TARGETS = ("task__plan", "order", "finding__inspection", "report__assignment__unit")


def _office_side(user: User, prefix: str = "") -> Q:
    return Q(**{f"{prefix}region_id__in": sorted(region_ids_in_scope(user, *OFFICE_SIDE))})


def reply_visible_q(user: User) -> Q:
    """As a filter on InstructionReply: the region's office side reads all, a unit its own."""
    return _office_side(user, "instruction__") | unit_scope_q(user, *UNIT_ROLES)


def instruction_visible_q(user: User) -> Q:
    reached = InstructionReply.objects.filter(unit_scope_q(user, *UNIT_ROLES), instruction=OuterRef("pk"))
    return _office_side(user) | Q(Exists(reached))


def instruction_list(*, user: User, mine: bool = False) -> QuerySet[Instruction]:
    """Instructions the user may read, newest first, with the counts of the answers they may read
    (``n_replies``, ``n_pending``). ``mine``: only those the user wrote."""
    rows = Instruction.objects.filter(instruction_visible_q(user))
    if mine:
        rows = rows.filter(author=user)
    visible = Q(replies__in=InstructionReply.objects.filter(reply_visible_q(user)))
    return (
        rows.select_related("author", "region", *_TARGETS)
        .annotate(
            n_replies=Count("replies", filter=visible),
            n_pending=Count("replies", filter=visible & Q(replies__state=ReplyState.PENDING)),
        )
        .order_by("-created_at", "-pk")
    )


def instruction_get(*, user: User, pk: int) -> Instruction:
    row = (
        Instruction.objects.filter(instruction_visible_q(user), pk=pk)
        .select_related("author", "region")
        .first()
    )
    if row is None:
        raise Http404
    return row


def instruction_replies(*, user: User, instruction: Instruction) -> QuerySet[InstructionReply]:
    return (
        InstructionReply.objects.filter(reply_visible_q(user), instruction=instruction)
        .select_related("unit", "replied_by")
        .order_by("unit__order", "unit_id")
    )


def reply_get(*, user: User, pk: int, for_answer: bool = False) -> InstructionReply:
    """One answer the user may read (404 otherwise). ``for_answer``: 403 unless the user acts for its unit."""
    reply = (
        InstructionReply.objects.filter(reply_visible_q(user), pk=pk)
        .select_related("instruction", "unit")
        .first()
    )
    if reply is None:
        raise Http404
    if for_answer and reply.unit_id not in unit_ids_in_scope(user, *UNIT_ROLES):
        raise PermissionDenied(
            said("只有本单位联络员或负责人可以答复。", "Only the unit's liaison or head may answer.")
        )
    return reply


def replies_to_answer(*, user: User) -> QuerySet[InstructionReply]:
    """待答复: the pending answers of the units the user acts for (liaison, head), the soonest due first."""
    return (
        InstructionReply.objects.filter(unit_scope_q(user, *UNIT_ROLES), state=ReplyState.PENDING)
        .select_related("instruction__author", "unit")
        .order_by("instruction__due_date", "instruction_id", "unit__order")
    )


def instructions_on(*, user: User, kind: str, item, limit: int = 20) -> list[Instruction]:
    """The instructions on one item (already read through its selector) the user may read, newest first, at
    most ``limit``, with their author and ``n_pending`` (as ``instruction_list`` counts it): an item's page
    shows their text, not their targets (the item itself), which are not joined. Most items have none, so
    the counts are read in a second query only when there are some (building and compiling them on every
    report page cost more than the rest of the panel)."""
    rows = list(
        Instruction.objects.filter(instruction_visible_q(user), **{kind: item})
        .select_related("author")
        .order_by("-created_at", "-pk")[:limit]
    )
    if rows:
        counts = (
            instruction_list(user=user).filter(pk__in=[row.pk for row in rows]).values_list("pk", "n_pending")
        )
        pending = dict(counts)
        for row in rows:
            row.n_pending = pending.get(row.pk, 0)
    return rows


def may_instruct(user: User, region_id: int | None) -> bool:
    """Whether to offer 写批示 (the service decides again)."""
    return region_id is not None and region_id in region_ids_in_scope(user, Role.LEADER)


def may_follow(user: User, region_id: int | None) -> bool:
    return region_id is not None and region_id in region_ids_in_scope(user, *OFFICE_SIDE)


def follow_list(*, user: User) -> QuerySet[Follow]:
    return Follow.objects.filter(user=user).select_related(
        "task__plan", "order", "finding__inspection", "finding__unit", "report__assignment__unit"
    )


def follow_get(*, user: User, pk: int) -> Follow:
    row = follow_list(user=user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def follow_of(*, user: User, kind: str, item) -> Follow | None:
    return Follow.objects.filter(user=user, **{kind: item}).first()


def follows_with_news(*, user: User) -> QuerySet[Follow]:
    """The follows told of changes their follower has not marked read, the latest told first."""
    return follow_list(user=user).filter(told_through__gt=F("seen_through")).order_by("-told_through")
