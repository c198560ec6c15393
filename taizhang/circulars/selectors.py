"""Which circulars a user may read. Out of scope → 404.

- The office (惩防办管理员) of a region reads every circular of it and the regions below, drafts included.
- Leaders and inspectors of a region read its published circulars.
- A unit's liaison and unit head read the published circulars that name their unit — and nothing else.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.circulars.models import Circular, CircularKind, CircularTemplate
from taizhang.inspections.models import Inspection

PUBLISHED = Circular.State.PUBLISHED


def circular_list(*, user: User) -> QuerySet[Circular]:
    # Liaisons and unit heads are granted on their unit, never a region: a short list of ids.
    own_units = sorted(unit_ids_in_scope(user, Role.LIAISON, Role.UNIT_HEAD))
    named = Circular.units.through.objects.filter(circular_id=OuterRef("pk"), unit_id__in=own_units)
    office = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
    readers = sorted(region_ids_in_scope(user, Role.LEADER, Role.INSPECTOR))
    visible = Q(region_id__in=office) | Q(state=PUBLISHED) & (Q(region_id__in=readers) | Q(Exists(named)))
    return Circular.objects.filter(visible).select_related("region", "inspection")


def circular_get(*, user: User, pk: int) -> Circular:
    try:
        return circular_list(user=user).select_related("created_by__unit").get(pk=pk)
    except Circular.DoesNotExist:
        raise Http404 from None


def inspections_for_circular(*, user: User) -> QuerySet[Inspection]:
    """Inspections the user's office may draft a circular from: those of its regions."""
    office = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
    return (
        Inspection.objects.filter(region_id__in=office)
        .select_related("region")
        .order_by("-start_date", "-id")
    )


def templates_of(*, region_id: int) -> dict[str, CircularTemplate | None]:
    """Kind → the region's uploaded template, or None where the built-in one is used."""
    rows = {
        row.kind: row
        for row in CircularTemplate.objects.filter(region_id=region_id).select_related("uploaded_by")
    }
    return {kind: rows.get(kind) for kind in CircularKind.values}
