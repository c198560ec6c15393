"""Pages of 问题线索来源: the lists of petitions and polls, registering them, one petition or poll with its
forms (核查, 了结, and 转化 into a finding, a rectification item or a case). The office side of the region
reads; its office admins write (the services decide). A unit reaches none of these pages (403 by role)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.checks import OFFICE_SIDE, office_region
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_action, form_submit
from taizhang.sources import selectors, services
from taizhang.sources.forms import (
    ConcludeForm,
    PetitionForm,
    PollForm,
    ToCaseForm,
    ToFindingForm,
    ToRectificationForm,
    VersionForm,
)
from taizhang.sources.models import Petition


@role_required(*OFFICE_SIDE)
@require_GET
def petition_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state") if request.GET.get("state") in Petition.State.values else None
    page = Paginator(selectors.petition_list(user=request.user, state=state), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "state": state,
        "states": Petition.State.choices,
        "may_write": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
    }
    return render(request, "sources/petition_list.html", context)


@role_required(*OFFICE_SIDE)
@require_GET
def poll_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.poll_list(user=request.user), 50).get_page(request.GET.get("page"))
    context = {"page": page, "may_write": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN))}
    return render(request, "sources/poll_list.html", context)


def _create(request, form_class, template: str, register, done: str, detail: str) -> HttpResponse:
    form = form_class(request.POST or None, user=request.user, initial={"received_on": timezone.localdate()})
    if request.method != "POST":
        return render(request, template, {"form": form})
    region = office_region(
        request.user, refusal=said("只有惩防办管理员可以登记问题线索。", "Only office admins record these.")
    )
    sent = form_submit(form, lambda data: register(actor=request.user, region=region, **data))
    if sent.done:
        messages.success(request, done)
        return redirect(detail, sent.result.pk)
    return render(request, template, {"form": form}, status=sent.status)


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def petition_create(request: HttpRequest) -> HttpResponse:
    return _create(
        request, PetitionForm, "sources/petition_form.html", services.petition_register,
        _("来信来访已登记。"), "petition_detail",
    )  # fmt: skip


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def poll_create(request: HttpRequest) -> HttpResponse:
    return _create(
        request,
        PollForm,
        "sources/poll_form.html",
        services.poll_record,
        _("民意调查已记录。"),
        "poll_detail",
    )


# ---- one petition or poll ----


def _page(request, source, *, status: int = 200, **forms) -> HttpResponse:
    may = selectors.may_write(request.user, source) and source.target is None
    is_petition = isinstance(source, Petition)
    open_ = may and (not is_petition or source.state in services.OPEN_STATES)
    today = timezone.localdate()
    context = {
        "source": source,
        "is_petition": is_petition,
        "units": source.units.order_by("order", "pk"),
        "check_form": VersionForm(initial={"expected_version": source.version})
        if open_ and is_petition and source.state == Petition.State.REGISTERED
        else None,
        "conclude_form": forms.get("conclude_form")
        or ConcludeForm(initial={"expected_version": source.version})
        if open_ and is_petition
        else None,
        "finding_form": forms.get("finding_form")
        or (ToFindingForm(source=source, initial={"description": _content(source)}) if open_ else None),
        "rect_form": forms.get("rect_form")
        or (ToRectificationForm(source=source, initial={"title": _title(source)}) if open_ else None),
        "case_form": forms.get("case_form")
        or (
            ToCaseForm(source=source, initial={"title": _title(source), "opened_on": today})
            if open_
            else None
        ),
        "error": forms.get("error", ""),
    }
    name = "sources/petition_detail.html" if is_petition else "sources/poll_detail.html"
    return render(request, name, context, status=status)


def _title(source) -> str:
    return source.summary if isinstance(source, Petition) else source.title


def _content(source) -> str:
    """The finding's description starts from what was reported — never who reported it."""
    return (source.content if isinstance(source, Petition) else source.findings_text)[:5000]


@role_required(*OFFICE_SIDE)
@require_GET
def petition_detail(request: HttpRequest, petition_id: int) -> HttpResponse:
    return _page(request, selectors.petition_get(user=request.user, pk=petition_id))


@role_required(*OFFICE_SIDE)
@require_GET
def poll_detail(request: HttpRequest, poll_id: int) -> HttpResponse:
    return _page(request, selectors.poll_get(user=request.user, pk=poll_id))


def _back(source):
    name = "petition_detail" if isinstance(source, Petition) else "poll_detail"
    return redirect(name, source.pk)


def _act(request, load, form, form_name: str, act) -> HttpResponse:
    return form_action(request, load=load, form=form, form_name=form_name, act=act, page=_page, back=_back)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def petition_check(request: HttpRequest, petition_id: int) -> HttpResponse:
    def act(petition, data):
        services.petition_check(actor=request.user, petition=petition, **data)
        return _("已开始核查。")

    load = lambda: selectors.petition_get(user=request.user, pk=petition_id)  # noqa: E731
    return _act(request, load, VersionForm(request.POST), "check_form", act)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def petition_conclude(request: HttpRequest, petition_id: int) -> HttpResponse:
    def act(petition, data):
        services.petition_conclude(actor=request.user, petition=petition, **data)
        return _("来信来访已了结。")

    load = lambda: selectors.petition_get(user=request.user, pk=petition_id)  # noqa: E731
    return _act(request, load, ConcludeForm(request.POST), "conclude_form", act)


def _convert(request, load, into: str) -> HttpResponse:
    source = load()
    form_class, form_name, service, done = {
        "finding": (ToFindingForm, "finding_form", services.source_to_finding, _("已转为检查发现问题。")),
        "rectification": (
            ToRectificationForm,
            "rect_form",
            services.source_to_rectification,
            _("已转为整改事项。"),
        ),
        "case": (ToCaseForm, "case_form", services.source_to_case, _("已立案问责。")),
    }[into]

    def act(source, data):
        service(actor=request.user, source=source, **data)
        return done

    return _act(request, load, form_class(request.POST, source=source), form_name, act)


def _petition(request, petition_id):
    return lambda: selectors.petition_get(user=request.user, pk=petition_id)


def _poll(request, poll_id):
    return lambda: selectors.poll_get(user=request.user, pk=poll_id)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def petition_convert(request: HttpRequest, petition_id: int, into: str) -> HttpResponse:
    return _convert(request, _petition(request, petition_id), into)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def poll_convert(request: HttpRequest, poll_id: int, into: str) -> HttpResponse:
    return _convert(request, _poll(request, poll_id), into)
