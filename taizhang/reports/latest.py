"""A ledger line's latest accepted report, kept on the line (``Assignment.latest_accepted_status``).

The traffic light, the 只看红灯 filter, the dashboard's figures and the exports all ask, for every line they
show, "what does the line's latest accepted report say?". Asked as a subquery per line it was the slowest
part of the dashboard; so the answer is stored on the line and this module is the one place that writes
it. A report becomes accepted only through ``reports.workflow.report_accept`` and never leaves that state,
so refreshing there keeps the column right; loaders that write reports in bulk (the demo's history, the
benchmarks' province) call ``latest_accepted_refresh`` once when they are done.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from taizhang.ledger.models import Assignment
from taizhang.reports.models import ProgressReport, ReviewState


def latest_accepted_recomputed() -> Coalesce:
    """The status of the latest accepted report (by period) of the line ``OuterRef("pk")``, or "": what
    ``Assignment.latest_accepted_status`` holds, computed from the reports."""
    latest = ProgressReport.objects.filter(
        assignment=OuterRef("pk"), review_state=ReviewState.ACCEPTED
    ).order_by("-period_start")
    return Coalesce(Subquery(latest.values("status")[:1]), Value(""))


def latest_accepted_refresh(*, lines: QuerySet[Assignment] | Iterable[int] | None = None) -> int:
    """Recompute ``latest_accepted_status`` of ``lines`` (a queryset or ids; every line when None) from
    their reports; returns the number of lines written. Call it inside the transaction that accepted the
    report: the lines are locked first, so two acceptances on one line cannot leave the older one's status
    (each statement then sees what the other committed)."""
    rows = Assignment.objects.all()
    with transaction.atomic():
        if lines is not None:
            ids = lines.values("pk") if isinstance(lines, QuerySet) else list(lines)
            rows = rows.filter(pk__in=ids)
            list(rows.select_for_update().order_by("pk").values_list("pk", flat=True))
        return rows.update(latest_accepted_status=latest_accepted_recomputed())
