"""Pages about a unit's ledger (台账)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.accounts.models import UNIT_ROLES
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.ledger.selectors import assignment_list
from taizhang.lib.access import role_required


@role_required(*UNIT_ROLES)
def my_tasks(request: HttpRequest) -> HttpResponse:
    """我的任务: the ledger lines of the unit the user acts for as liaison or unit head, grouped by plan.

    ``assignment_list`` also shows a lead unit its cooperating units' lines, and a user who is also an
    inspector a whole region; this page is the unit's own share only."""
    own_units = unit_ids_in_scope(request.user, *UNIT_ROLES)
    lines = assignment_list(user=request.user).filter(unit_id__in=own_units)
    return render(request, "ledger/my_tasks.html", {"lines": lines})
