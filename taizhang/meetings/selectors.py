"""Which 联系会议 a user may read: the office side of the meeting's region (office admins, leaders,
inspectors) every one; a unit the meetings it took part in. Out of scope → 404."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_scope_q
from taizhang.meetings.models import Meeting, MeetingDecision, MeetingFile

_Units = Meeting.units.through


def meeting_visible_q(user: User, prefix: str = "") -> Q:
    office_side = Q(**{f"{prefix}region_id__in": region_ids_in_scope(user, *OFFICE_SIDE)})
    took_part = Exists(_Units.objects.filter(unit_scope_q(user), meeting_id=OuterRef(f"{prefix}pk")))
    return office_side | Q(took_part)


def meeting_list(*, user: User) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(meeting_visible_q(user)).select_related("region").order_by("-held_on", "-pk")
    )


def meeting_get(*, user: User, pk: int) -> Meeting:
    decisions = MeetingDecision.objects.select_related("order", "finding__inspection", "finding__unit")
    meeting = (
        Meeting.objects.filter(meeting_visible_q(user), pk=pk)
        .select_related("region", "created_by")
        .prefetch_related("units", Prefetch("decisions", queryset=decisions.order_by("pk")), "evidence")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def may_manage(user: User, meeting: Meeting) -> bool:
    """Whether to offer the office's buttons (the services decide again)."""
    return meeting.region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)


def decision_get(*, user: User, pk: int) -> MeetingDecision:
    decision = (
        MeetingDecision.objects.filter(pk=pk, meeting__in=Meeting.objects.filter(meeting_visible_q(user)))
        .select_related("meeting")
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def meeting_file_get(*, user: User, pk: int) -> MeetingFile:
    found = MeetingFile.objects.filter(
        pk=pk, meeting__in=Meeting.objects.filter(meeting_visible_q(user))
    ).first()
    if found is None:
        raise Http404
    return found
