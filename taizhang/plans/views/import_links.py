"""上下贯通 in the import preview: the upper plan and, per task, the upper tasks suggested
(``plans.cascade``), in their own include (``plans/import/_links.html``). The preview view adds ``cascade``
to its context and its confirm passes the office's choice on (``confirm_choice``); choosing another upper
plan swaps the include (``plan_import_links``, htmx)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.plans.cascade.importing import AUTO, Suggestions, posted_links, posted_upper, suggestions
from taizhang.plans.views import import_session as session


def links_context(draft: session.ImportDraft, posted=None) -> Suggestions:
    """The suggestions as the page shows them: as the office ticked them when the confirm form came back
    (it holds ``upper_plan`` whenever the include was shown), else the defaults."""
    sent = posted is not None and "upper_plan" in posted
    return suggestions(
        draft.preview,
        session.draft_region(draft),
        rows=draft.rows,
        upper_id=posted_upper(posted) if sent else AUTO,
        posted=posted if sent else None,
    )


def confirm_choice(draft: session.ImportDraft, posted) -> dict:
    """``import_confirm_linked``'s ``upper_id`` and ``links`` from the confirm form; nothing when the page
    offered no upper plan."""
    if "upper_plan" not in posted:
        return {"upper_id": None, "links": {}}
    upper = posted_upper(posted)
    if upper == AUTO:
        upper = links_context(draft).named
        upper = upper.pk if upper else None
    return {"upper_id": upper, "links": posted_links(posted, draft.rows)}


@role_required(Role.OFFICE_ADMIN)
def plan_import_links(request: HttpRequest) -> HttpResponse:
    """The include again for another upper plan (``?upper_plan=<id>``, empty for none)."""
    draft = session.draft_load(request)
    if draft is None:
        messages.info(request, session.NO_IMPORT)
        return redirect("plan_import")
    cascade = suggestions(
        draft.preview, session.draft_region(draft), rows=draft.rows, upper_id=posted_upper(request.GET)
    )
    return render(request, "plans/import/_links.html", {"cascade": cascade})
