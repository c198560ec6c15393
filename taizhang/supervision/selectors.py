"""Which 督办单, replies and reply files a user may read or act on. Out of scope → 404; visible but not
theirs to act on → 403.

The office (惩防办管理员), leaders and inspectors of a region read every order of the region and below and
every unit's reply to it; only the office sees drafts. A unit (its liaison, its head) sees the issued orders
addressed to it and **only its own reply** — never another unit's, even on the same order.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.http import Http404

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope, unit_scope_q
from taizhang.lib.i18n import said
from taizhang.supervision.models import (
    REPLY_EDITABLE_STATES,
    OrderRecipient,
    OrderReplyFile,
    RecipientState,
    SupervisionOrder,
)

# Roles that read a whole region's supervision work; only the office among them acts on it.
READERS = (Role.OFFICE_ADMIN, Role.LEADER, Role.INSPECTOR)
State = SupervisionOrder.State


def _region_q(user: User, field: str, state_field: str) -> Q:
    """Orders (through ``field``, a region id) the user reads for the region: not drafts, except for the
    office."""
    readers = Q(**{f"{field}__in": sorted(region_ids_in_scope(user, *READERS))}) & ~Q(
        **{state_field: State.DRAFT}
    )
    office = Q(**{f"{field}__in": sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))})
    return readers | office


def recipient_visible_q(user: User, *, prefix: str = "") -> Q:
    """The replies (``OrderRecipient``) ``user`` may read, as a filter (with ``prefix`` on a model
    pointing at one): the region's, or the user's own unit's on an issued or closed order."""
    own = unit_scope_q(user, *UNIT_ROLES, unit=f"{prefix}unit") & ~Q(**{f"{prefix}order__state": State.DRAFT})
    return own | _region_q(user, f"{prefix}order__region_id", f"{prefix}order__state")


def order_visible_q(user: User) -> Q:
    addressed = OrderRecipient.objects.filter(unit_scope_q(user, *UNIT_ROLES), order=OuterRef("pk"))
    return (Q(Exists(addressed)) & ~Q(state=State.DRAFT)) | _region_q(user, "region_id", "state")


def order_list(*, user: User, state: str | None = None) -> QuerySet[SupervisionOrder]:
    """The orders of the regions the user reads (office: drafts too), newest first, with the count of
    recipients in each reply state (``n_<state>``) and in all (``n_units``)."""
    orders = SupervisionOrder.objects.filter(_region_q(user, "region_id", "state"))
    if state:
        orders = orders.filter(state=state)
    counts = {
        f"n_{value}": Count("recipients", filter=Q(recipients__state=value))
        for value in RecipientState.values
    }
    return (
        orders.select_related("region", "issuer")
        .annotate(n_units=Count("recipients"), **counts)
        .order_by("-created_at", "-pk")
    )


def order_get(*, user: User, pk: int, for_office: bool = False) -> SupervisionOrder:
    """One order the user may read (404 otherwise). ``for_office``: 403 unless the user is the office of
    its region."""
    order = (
        SupervisionOrder.objects.filter(order_visible_q(user))
        .select_related("region", "issuer", "meeting_decision")  # 联系会议: where it came from
        .filter(pk=pk)
        .first()
    )
    if order is None:
        raise Http404
    if for_office and order.region_id not in region_ids_in_scope(user, Role.OFFICE_ADMIN):
        raise PermissionDenied(said("只有惩防办可以进行此操作。", "Only the office may do this."))
    return order


def recipient_list(*, user: User) -> QuerySet[OrderRecipient]:
    """Replies the user may read, with order and unit joined and ``evidence_count``."""
    return (
        OrderRecipient.objects.filter(recipient_visible_q(user))
        .select_related("order", "unit", "replied_by")
        .annotate(evidence_count=Count("evidence"))
        .order_by("order_id", "unit__order", "unit_id")
    )


def recipient_get(
    *, user: User, pk: int, for_reply: bool = False, for_review: bool = False
) -> OrderRecipient:
    """One reply the user may read (404 otherwise — another unit's reply is out of scope). ``for_reply``:
    403 unless the user acts for its unit; ``for_review``: 403 unless the user is the office of the
    order's region. The services check again, with the states."""
    recipient = recipient_list(user=user).filter(pk=pk).first()
    if recipient is None:
        raise Http404
    if for_reply and recipient.unit_id not in unit_ids_in_scope(user, *UNIT_ROLES):
        raise PermissionDenied(
            said("只有本单位联络员或负责人可以回复。", "Only the unit's liaison or head may reply.")
        )
    if for_review and recipient.order.region_id not in region_ids_in_scope(user, Role.OFFICE_ADMIN):
        raise PermissionDenied(
            said("只有惩防办可以采纳或退回。", "Only the office may accept or return replies.")
        )
    return recipient


def inbox(*, user: User) -> QuerySet[OrderRecipient]:
    """收到的督办单: the user's own units' parts in issued and closed orders: replies still owed first, then
    those waiting for the office, then closed orders; each by deadline."""
    waiting = Case(
        When(order__state=State.ISSUED, state__in=REPLY_EDITABLE_STATES, then=Value(0)),
        When(order__state=State.ISSUED, then=Value(1)),
        default=Value(2),
    )
    return (
        recipient_list(user=user)
        .filter(unit_scope_q(user, *UNIT_ROLES), order__state__in=(State.ISSUED, State.CLOSED))
        .order_by(waiting, "order__deadline", "order_id", "unit__order")
    )


def overdue_recipients(*, user: User, today: date) -> QuerySet[OrderRecipient]:
    """逾期督办: replies still owed after the deadline on the issued orders of the regions the user reads —
    those marked 逾期, and those pending or returned whose deadline passed before the reminder command ran.
    Longest overdue first."""
    late = Q(state=RecipientState.OVERDUE) | Q(
        state__in=(RecipientState.PENDING, RecipientState.RETURNED), order__deadline__lt=today
    )
    return (
        OrderRecipient.objects.filter(_region_q(user, "order__region_id", "order__state"))
        .filter(late, order__state=State.ISSUED)
        .select_related("order", "unit")
        .order_by("order__deadline", "order_id", "unit__order", "unit_id")
    )


def order_evidence_get(*, user: User, pk: int) -> OrderReplyFile:
    """A file of a reply the user may read; 404 for anyone else (and for files of other owners)."""
    visible = OrderRecipient.objects.filter(recipient_visible_q(user)).values("pk")
    evidence = OrderReplyFile.objects.filter(pk=pk, recipient__in=visible).first()
    if evidence is None:
        raise Http404
    return evidence
