"""Pages of 联系会议: the list, recording one, its page (minutes, files, decisions and what each became),
turning a decision into a 督办单 or a 问题, and its files."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.files.responses import attachment_download
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import REFUSALS, form_errors, form_submit, refusal_answer
from taizhang.meetings.forms import MeetingForm, ToFindingForm, ToOrderForm
from taizhang.meetings.models import Meeting
from taizhang.meetings.selectors import decision_get, may_manage, meeting_file_get, meeting_get, meeting_list
from taizhang.meetings.services import decision_to_finding, decision_to_order, meeting_record

# Each decision's row on the meeting page holds both forms: their fields are kept apart by prefix.
_PREFIX = {ToOrderForm: "o", ToFindingForm: "f"}


@role_required(*ANY_ROLE)
@require_GET
def meeting_list_view(request: HttpRequest) -> HttpResponse:
    context = {
        "meetings": meeting_list(user=request.user)[:200],
        "may_record": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
    }
    return render(request, "meetings/meeting_list.html", context)


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = MeetingForm(user=request.user, initial={"held_on": timezone.localdate()})
        return render(request, "meetings/meeting_form.html", {"form": form})
    form = MeetingForm(request.POST, request.FILES, user=request.user)
    sent = form_submit(form, lambda data: meeting_record(actor=request.user, **data))
    if sent.done:
        messages.success(request, _("联系会议已记录。"))
        return redirect("meeting_detail", meeting_id=sent.result.pk)
    return render(request, "meetings/meeting_form.html", {"form": form}, status=sent.status)


def _page(request: HttpRequest, meeting: Meeting, *, status: int = 200, error: str = "") -> HttpResponse:
    """The meeting; for the office, each decision not yet turned with its two forms (ids kept apart)."""
    manage = may_manage(request.user, meeting)
    rows = []
    for decision in meeting.decisions.all():
        forms = None
        if manage and not decision.order_id and not decision.finding_id:
            kw = {"region_id": meeting.region_id, "auto_id": f"id_d{decision.pk}_%s"}
            forms = (
                ToOrderForm(prefix=_PREFIX[ToOrderForm], **kw),
                ToFindingForm(prefix=_PREFIX[ToFindingForm], **kw),
            )
        rows.append((decision, forms))
    context = {"meeting": meeting, "manage": manage, "error": error, "rows": rows}
    return render(request, "meetings/meeting_detail.html", context, status=status)


@role_required(*ANY_ROLE)
@require_GET
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _page(request, meeting_get(user=request.user, pk=meeting_id))


def _turn(request: HttpRequest, decision_id: int, form_class, act, done: str) -> HttpResponse:
    """One decision turned by ``act(decision, cleaned_data)``: back to the meeting with a message, or the
    meeting's page again with the refusal (422) or 403 for a reader who is not the office."""
    decision = decision_get(user=request.user, pk=decision_id)
    meeting = decision.meeting
    if not may_manage(request.user, meeting):
        raise PermissionDenied(said("只有惩防办可以转办决定事项。", "Only the office acts on decisions."))
    form = form_class(request.POST, region_id=meeting.region_id, prefix=_PREFIX[form_class])
    if not form.is_valid():
        return _page(
            request, meeting_get(user=request.user, pk=meeting.pk), status=422, error=form_errors(form)
        )
    try:
        act(decision, form.cleaned_data)
    except REFUSALS as exc:
        status, error = refusal_answer(exc)
        return _page(request, meeting_get(user=request.user, pk=meeting.pk), status=status, error=error)
    messages.success(request, done)
    return redirect("meeting_detail", meeting_id=meeting.pk)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def decision_order(request: HttpRequest, decision_id: int) -> HttpResponse:
    def act(decision, data):
        return decision_to_order(
            actor=request.user,
            decision=decision,
            deadline=data["deadline"],
            units=data["units"],
            priority=data["priority"],
        )

    return _turn(request, decision_id, ToOrderForm, act, _("已转为督办单（草稿），请在督办单中下发。"))


@role_required(Role.OFFICE_ADMIN)
@require_POST
def decision_finding(request: HttpRequest, decision_id: int) -> HttpResponse:
    def act(decision, data):
        return decision_to_finding(
            actor=request.user,
            decision=decision,
            inspection=data["inspection"],
            unit=data["unit"],
            severity=data["severity"],
        )

    return _turn(request, decision_id, ToFindingForm, act, _("已转为检查发现问题。"))


@role_required(*ANY_ROLE)
@require_GET
def meeting_file_download(request: HttpRequest, meeting_file_id: int) -> FileResponse:
    return attachment_download(request, meeting_file_get(user=request.user, pk=meeting_file_id))
