"""Which live plan an imported file may be a revision of: the same 文号, or the same title, in the region."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from taizhang.accounts.models import User
from taizhang.plans.models import Plan
from taizhang.plans.revisions.compare import REVISABLE
from taizhang.plans.selectors import plan_list


def revision_candidates(*, user: User, region_id: int, title: str, doc_number: str) -> QuerySet[Plan]:
    """Plans the user sees in ``region_id``, draft or published, with the file's 文号 or title."""
    match = Q(title=title.strip()) if title.strip() else Q(pk__in=[])
    if doc_number.strip():
        match |= Q(doc_number=doc_number.strip())
    return plan_list(user=user).filter(match, region_id=region_id, status__in=REVISABLE).order_by("-pk")
