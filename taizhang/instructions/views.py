"""Pages of 领导批示 and 关注: write an instruction on an item (leaders), an instruction with its answers, the
answers a unit owes, the instructions a user may read, and the follower's items with their changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import UNIT_ROLES, Role
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.instructions import selectors, services
from taizhang.instructions.follows import change_line, item_changes
from taizhang.instructions.forms import AnswerForm, InstructionForm
from taizhang.instructions.targets import KINDS, target_get, target_label, target_units
from taizhang.lib.pageforms import form_submit, message_action
from taizhang.units.models import Unit

PER_PAGE = 50  # a province's leaders write hundreds a year: pages, never a silent cut


def _item(request: HttpRequest, kind: str, kwargs: dict):
    return target_get(user=request.user, kind=kind, pk=kwargs[f"{kind}_id"])


@role_required(Role.LEADER)
def instruction_write_view(request: HttpRequest, kind: str, **ids) -> HttpResponse:
    """GET: the form, for a leader of the item's region (403 for another); POST: write it."""
    item = _item(request, kind, ids)
    if not selectors.may_instruct(request.user, KINDS[kind].region_id(item)):
        raise PermissionDenied
    units = Unit.objects.filter(pk__in=[u.pk for u in target_units(kind, item)]).order_by("order", "pk")
    form = InstructionForm(request.POST or None, units=units)
    status = 200
    if request.method == "POST":
        sent = form_submit(
            form,
            lambda d: services.instruction_write(
                actor=request.user,
                kind=kind,
                item=item,
                text=d["text"],
                units=d["units"] or (),
                due_date=d["due_date"],
            ),
        )
        if sent.done:
            messages.success(request, _("批示已送达。"))
            return redirect("instruction_detail", instruction_id=sent.result.pk)
        status = sent.status
    context = {"form": form, "label": target_label(kind, item), "item_url": KINDS[kind].url(item)}
    return render(request, "instructions/instruction_write.html", context, status=status)


def _detail(request: HttpRequest, instruction, *, status: int = 200, form=None, answering: int = 0):
    replies = list(selectors.instruction_replies(user=request.user, instruction=instruction))
    kind = instruction.target_kind
    context = {
        "instruction": instruction,
        "replies": replies,
        "label": target_label(kind, instruction.target),
        "item_url": KINDS[kind].url(instruction.target),
        "form": form or AnswerForm(),
        "answering": answering,
        "mine": {r.pk for r in replies if r.unit_id in _acting_units(request)},
    }
    return render(request, "instructions/instruction_detail.html", context, status=status)


def _acting_units(request: HttpRequest) -> frozenset[int]:
    return unit_ids_in_scope(request.user, *UNIT_ROLES)


@role_required(*ANY_ROLE)
@require_safe
def instruction_detail(request: HttpRequest, instruction_id: int) -> HttpResponse:
    return _detail(request, selectors.instruction_get(user=request.user, pk=instruction_id))


@role_required(*UNIT_ROLES)
@require_POST
def instruction_answer_view(request: HttpRequest, instruction_reply_id: int) -> HttpResponse:
    """The unit answers; a refusal shows the instruction again with what was typed."""
    reply = selectors.reply_get(user=request.user, pk=instruction_reply_id, for_answer=True)
    form = AnswerForm(request.POST)
    sent = form_submit(
        form, lambda d: services.instruction_answer(actor=request.user, reply=reply, text=d["text"])
    )
    if sent.done:
        messages.success(request, _("答复已送出。"))
        return redirect("instruction_detail", instruction_id=reply.instruction_id)
    return _detail(request, reply.instruction, status=sent.status, form=form, answering=reply.pk)


@role_required(*ANY_ROLE)
@require_safe
def instruction_list_view(request: HttpRequest) -> HttpResponse:
    """The instructions the user may read; ``?mine=1``: those they wrote."""
    mine = request.GET.get("mine") == "1"
    rows = selectors.instruction_list(user=request.user, mine=mine)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    items = [(i, target_label(i.target_kind, i.target), KINDS[i.target_kind].url(i.target)) for i in page]
    context = {"items": items, "mine": mine, "page": page}
    return render(request, "instructions/instruction_list.html", context)


@role_required(*UNIT_ROLES)
@require_safe
def instruction_inbox(request: HttpRequest) -> HttpResponse:
    """待答复: the answers the user's units owe."""
    replies = selectors.replies_to_answer(user=request.user)
    page = Paginator(replies, PER_PAGE).get_page(request.GET.get("page"))
    context = {"replies": page, "page": page, "today": timezone.localdate()}
    return render(request, "instructions/instruction_inbox.html", context)


# ---- 关注 ----


@role_required(*OFFICE_SIDE)
@require_POST
def follow_view(request: HttpRequest, kind: str, **ids) -> HttpResponse:
    """关注 the item (403 outside its region's office side); back to the item's page."""
    item = _item(request, kind, ids)
    back = redirect(KINDS[kind].url(item))
    if not selectors.may_follow(request.user, KINDS[kind].region_id(item)):
        raise PermissionDenied

    def act() -> str:
        services.follow(actor=request.user, kind=kind, item=item)
        return _("已关注，该事项的变化将告知您。")

    return message_action(request, act, back=back)


@role_required(*OFFICE_SIDE)
@require_POST
def unfollow_view(request: HttpRequest, follow_id: int) -> HttpResponse:
    follow = selectors.follow_get(user=request.user, pk=follow_id)
    services.unfollow(actor=request.user, follow=follow)
    messages.success(request, _("已取消关注。"))
    return redirect("follow_list")


@role_required(*OFFICE_SIDE)
@require_POST
def follow_seen(request: HttpRequest, follow_id: int) -> HttpResponse:
    follow = selectors.follow_get(user=request.user, pk=follow_id)
    services.follow_mark_seen(actor=request.user, follow=follow)
    return redirect("follow_list")


@role_required(*OFFICE_SIDE)
@require_safe
def follow_list_view(request: HttpRequest) -> HttpResponse:
    """我的关注: each followed item with the changes told and not yet read."""
    rows = []
    for follow in selectors.follow_list(user=request.user):
        kind = follow.target_kind
        news = item_changes(follow, after=follow.seen_through, through=follow.told_through)[:20]
        rows.append(
            (
                follow,
                target_label(kind, follow.target),
                KINDS[kind].url(follow.target),
                [change_line(e) for e in news],
            )
        )
    return render(request, "instructions/follow_list.html", {"rows": rows})
