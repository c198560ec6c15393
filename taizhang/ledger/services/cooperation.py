"""配合评价: the lead unit (牵头单位) rates each cooperating unit's part in the task it leads, 1–5, once a
year (a second rating in the year replaces the first, audited with what it replaced). The rating feeds the
co-unit's 配合评价得分 (``assessment.metrics.cooperation``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import acts_for_unit
from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.ledger.codes import LedgerCode
from taizhang.ledger.models import Assignment, CooperationRating
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal, clean_text

_FIELDS = ["line", "year", "rating", "note", "by"]


def lead_unit_ids(task_id: int) -> set[int]:
    return set(
        Assignment.objects.filter(task_id=task_id, role=Assignment.Role.LEAD).values_list(
            "unit_id", flat=True
        )
    )


def may_rate(user: User, task_id: int) -> bool:
    """The liaison or head of a lead unit of the task."""
    return any(acts_for_unit(user, unit_id) for unit_id in lead_unit_ids(task_id))


def cooperation_rate(
    *, actor: User, line: Assignment, rating: int, note: str = "", year: int | None = None
) -> CooperationRating:
    """Rate ``line`` (a cooperating line) for ``year`` (this year by default)."""
    if not may_rate(actor, line.task_id):
        raise PermissionDenied(
            said("只有牵头单位联络员或负责人可以评价配合单位。", "Only the lead unit may rate its co-units.")
        )
    if line.role != Assignment.Role.COOPERATING:
        raise Refusal(LedgerCode.NOT_COOPERATING, "只能评价配合单位。", "Only a cooperating line is rated.")
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise Refusal(LedgerCode.BAD_RATING, "评价须为1至5。", "A rating is 1 to 5.")
    note = clean_text(note, zh="评价说明", en="The note", limit=500, field="note", required=False)
    year = year or timezone.localdate().year
    with transaction.atomic():
        existing = CooperationRating.objects.select_for_update().filter(line=line, year=year).first()
        before = snapshot(existing, fields=_FIELDS) if existing else None
        row, _created = CooperationRating.objects.update_or_create(
            line=line, year=year, defaults={"rating": rating, "note": note, "by": actor}
        )
        audit_record(
            actor=actor,
            action="ledger.cooperation_rate",
            obj=row,
            before=before,
            after=snapshot(row, fields=_FIELDS),
        )
    return row
