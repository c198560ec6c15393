"""The units a 泛称 gives, changed by the office in the preview: for the whole plan, or for one task
(``?row=``). A plain page with checkboxes grouped by unit kind; 全选/清除 of a kind re-show the page with the
selection changed, 保存 keeps it in the import draft (nothing is written to a plan before the confirm).

POST ``action``: ``save`` (the ticked units), ``none`` (不指定单位), ``reset`` (back to what the word gives by
itself, or for a task back to the plan's choice), ``add:<kind>`` / ``drop:<kind>`` (select or clear a kind).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.lib.i18n import said_lazy
from taizhang.lib.ids import parse_id
from taizhang.plans.importing.wildcards import candidates, wildcard_choose, wildcard_reset
from taizhang.plans.views import import_session as session
from taizhang.units.models import Unit

_OUTSIDE = said_lazy(
    "所选单位不存在、已停用或不属于本区划。",
    "A chosen unit does not exist, is inactive or is outside the region.",
)


@role_required(Role.OFFICE_ADMIN)
def plan_import_wildcard(request: HttpRequest) -> HttpResponse:
    """The units of ``word`` (GET/POST), for the whole plan or the task of ``row``; see the module doc."""
    draft = session.draft_load(request)
    if draft is None:
        messages.info(request, session.NO_IMPORT)
        return redirect("plan_import")
    if request.method == "POST" and "open" in request.POST:
        return _open(request, draft)
    source = request.POST if request.method == "POST" else request.GET
    word = source.get("word", "")
    expansion = next((w for w in draft.preview.wildcards if w.name == word), None)
    if expansion is None:
        raise Http404
    row = parse_id(source.get("row")) if source.get("row") else None
    if source.get("row") and row is None:
        raise Http404
    task = draft.preview.tasks[draft.index_of(row)] if row is not None else None
    if task is not None and word not in task.wildcards:
        raise Http404
    region = session.draft_region(draft)
    units = list(candidates(region))
    current = task.wildcard_units.get(word) if task is not None else None
    selected = {ref["id"] for ref in (current if current is not None else expansion.units)}
    status = 200
    if request.method == "POST":
        if request.POST.get("sha256") != draft.preview.sha256:
            messages.warning(request, session.REPLACED_UNCHANGED)
            return redirect("plan_import_preview")
        action = request.POST.get("action", "save")
        posted = {parse_id(v) for v in request.POST.getlist("unit")}
        by_id = {u.pk: u for u in units}
        if not posted <= set(by_id):
            messages.error(request, _OUTSIDE)
            status = 400
        elif action.startswith(("add:", "drop:")):
            kind = action.partition(":")[2]
            of_kind = {u.pk for u in units if u.kind == kind}
            selected = posted | of_kind if action.startswith("add:") else posted - of_kind
        elif action in ("save", "none", "reset"):
            if action == "reset" and task is None:
                wildcard_reset(draft.preview, word=word, region=region, units=units)
            else:
                chosen = {"reset": None, "none": []}.get(action, [u for u in units if u.pk in posted])
                wildcard_choose(draft.preview, word=word, units=chosen, task=task)
            session.draft_save(request, draft)
            return redirect(reverse("plan_import_preview") + "#wildcards")
        else:
            status = 400
    kinds = [
        {"code": code, "label": label, "units": [u for u in units if u.kind == code]}
        for code, label in Unit.Kind.choices
    ]
    context = {
        "word": word,
        "expansion": expansion,
        "task": task,
        "row": row,
        "inherited": task is not None and current is None,
        "kinds": [k for k in kinds if k["units"]],
        "selected": selected,
        "sha256": draft.preview.sha256,
        "region": region,
    }
    return render(request, "plans/import/wildcard.html", context, status=status)


def _open(request: HttpRequest, draft) -> HttpResponse:
    """From the preview (a button of its form, ``open`` = "row|word", row 0 for the whole plan): keep what
    the form holds for the way back, then show the page."""
    if request.POST.get("sha256") != draft.preview.sha256:
        messages.warning(request, session.REPLACED_UNCHANGED)
        return redirect("plan_import_preview")
    row, _, word = request.POST["open"].partition("|")
    session.stash_keep(request, request.POST)
    query = urlencode({"word": word, **({"row": row} if row not in ("", "0") else {})})
    return redirect(f"{reverse('plan_import_wildcard')}?{query}")
