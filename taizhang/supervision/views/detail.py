"""督办单 page: the order, and the replies the user may read — every unit's for the office, leaders and
inspectors; only its own for a unit — each with its state, text, files and trail; the unit's reply form
and file upload, the office's accept/return and the order's issue/close."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import UNIT_ROLES, Role
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.files.checks import upload_limits
from taizhang.files.forms import FilesForm
from taizhang.lib.pageforms import REFUSALS, form_errors, refusal_answer
from taizhang.lib.responses import is_htmx
from taizhang.supervision.forms import DecisionForm, ReplyForm
from taizhang.supervision.models import (
    REPLY_EDITABLE_STATES,
    OrderRecipient,
    OrderReplyFile,
    OrderStep,
    SupervisionOrder,
)
from taizhang.supervision.selectors import order_get, recipient_get, recipient_list
from taizhang.supervision.services import order_accept, order_evidence_add, order_reply, order_return

State = SupervisionOrder.State


def _recipients(request: HttpRequest, order: SupervisionOrder):
    return (
        recipient_list(user=request.user)
        .filter(order=order)
        .prefetch_related(
            Prefetch("steps", queryset=OrderStep.objects.select_related("actor").order_by("at", "pk")),
            Prefetch(
                "evidence",
                queryset=OrderReplyFile.objects.select_related("uploaded_by").order_by("uploaded_at", "pk"),
            ),
        )
    )


def _decorate(request: HttpRequest, order: SupervisionOrder, recipients, *, focus: int | None, form, error):
    """Set on each reply what the page offers this user: ``may_reply`` (the unit, while it may write),
    ``may_decide`` (the office, a reply waiting), and the form and error of the reply just posted."""
    own = unit_ids_in_scope(request.user, *UNIT_ROLES)
    office = order.region_id in region_ids_in_scope(request.user, Role.OFFICE_ADMIN)
    rows = list(recipients)
    for row in rows:
        row.may_reply = (
            row.unit_id in own and order.state == State.ISSUED and row.state in REPLY_EDITABLE_STATES
        )
        row.may_decide = office and order.state == State.ISSUED and row.state == "replied"
        posted = row.pk == focus
        row.error = error if posted else ""
        if row.may_reply:
            row.reply_form = (
                form
                if posted and form is not None
                else ReplyForm(initial={"text": row.reply_text, "expected_version": row.version})
            )
    return rows, office


def detail_page(
    request: HttpRequest,
    order: SupervisionOrder,
    *,
    focus: int | None = None,
    form: ReplyForm | None = None,
    error: str = "",
    order_error: str = "",
    status: int = 200,
) -> HttpResponse:
    rows, office = _decorate(request, order, _recipients(request, order), focus=focus, form=form, error=error)
    context = {
        "order": order,
        "tasks": order.tasks.select_related("plan").order_by("plan_id", "order"),
        "rows": rows,
        "office": office,
        "today": timezone.localdate(),
        "order_error": order_error,
        "evidence_form": FilesForm(),
        **upload_limits(),
        "may_close": office and order.state == State.ISSUED and all(r.state == "accepted" for r in rows),
    }
    return render(request, "supervision/order_detail.html", context, status=status)


@role_required(*ANY_ROLE)
@require_GET
def order_detail(request: HttpRequest, order_id: int) -> HttpResponse:
    return detail_page(request, order_get(user=request.user, pk=order_id))


def _back(recipient: OrderRecipient) -> HttpResponse:
    return redirect(f"{redirect('order_detail', order_id=recipient.order_id).url}#reply-{recipient.pk}")


@role_required(*UNIT_ROLES)
@require_POST
def order_reply_view(request: HttpRequest, recipient_id: int) -> HttpResponse:
    """The unit sends its reply; a refusal shows the page again with what was typed."""
    recipient = recipient_get(user=request.user, pk=recipient_id, for_reply=True)
    order = recipient.order
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return detail_page(request, order, focus=recipient.pk, form=form, error=form_errors(form), status=422)
    try:
        order_reply(
            actor=request.user,
            recipient=recipient,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except REFUSALS as exc:
        status, message = refusal_answer(exc)
        return detail_page(request, order, focus=recipient.pk, form=form, error=message, status=status)
    messages.success(request, _("已回复，等待惩防办审核。"))
    return _back(recipient)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def order_decide(request: HttpRequest, recipient_id: int) -> HttpResponse:
    """The office accepts a reply or returns it with a reason."""
    recipient = recipient_get(user=request.user, pk=recipient_id, for_review=True)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return detail_page(request, recipient.order, focus=recipient.pk, error=form_errors(form), status=422)
    data = form.cleaned_data
    try:
        if data["action"] == "return":
            order_return(
                actor=request.user,
                recipient=recipient,
                reason=data["reason"],
                expected_version=data["expected_version"],
            )
            note = _("已退回，承办单位可修改后重新回复。")
        else:
            order_accept(actor=request.user, recipient=recipient, expected_version=data["expected_version"])
            note = _("已采纳。")
    except REFUSALS as exc:
        status, message = refusal_answer(exc)
        return detail_page(request, recipient.order, focus=recipient.pk, error=message, status=status)
    messages.success(request, note)
    return _back(recipient)


@role_required(*UNIT_ROLES)
@require_POST
def order_evidence_upload(request: HttpRequest, recipient_id: int) -> HttpResponse:
    """Add files to the unit's reply: every file or none. With htmx the reply's file panel is answered."""
    recipient = recipient_get(user=request.user, pk=recipient_id, for_reply=True)
    form = FilesForm(request.POST, request.FILES)
    status, error = 200, ""
    if not form.is_valid():
        status, error = 422, form_errors(form)
    else:
        try:
            with transaction.atomic():
                for upload in form.cleaned_data["files"]:
                    order_evidence_add(recipient=recipient, upload=upload, actor=request.user)
        except REFUSALS as exc:
            status, error = refusal_answer(exc)
    if is_htmx(request):  # htmx swaps only 2xx answers; the refusal is in the panel
        row = _recipients(request, recipient.order).get(pk=recipient.pk)
        rows, _office = _decorate(request, recipient.order, [row], focus=row.pk, form=None, error="")
        context = {"row": rows[0], "evidence_error": error, "evidence_form": FilesForm()}
        return render(request, "supervision/_reply_evidence.html", context)
    if error:
        return detail_page(request, recipient.order, focus=recipient.pk, error=error, status=status)
    messages.success(request, _("佐证材料已上传。"))
    return _back(recipient)
