"""Pages about plans (方案): the list, one plan, its source file, publishing."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taizhang.accounts.access import ANY_ROLE, request_roles, role_required
from taizhang.accounts.checks import is_office_admin_of
from taizhang.accounts.models import Role
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_list
from taizhang.ledger.unstaffed import units_without_liaison
from taizhang.lib.confirm import Confirmation, confirm_page, is_confirmed
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import message_action
from taizhang.plans import services
from taizhang.plans.forms import PublishForm
from taizhang.plans.models import Plan
from taizhang.plans.permissions import require_office_admin
from taizhang.plans.revisions.forms import WithdrawForm
from taizhang.plans.selectors import plan_get, plan_task_list
from taizhang.plans.selectors import plan_list as plans_in_scope
from taizhang.units.models import Unit


@role_required(*ANY_ROLE)
def plan_list(request: HttpRequest) -> HttpResponse:
    """方案台账: the plans in the user's scope, newest period first; for the office, below them, the units
    nobody reports for (无人填报的单位)."""
    plans = plans_in_scope(user=request.user).annotate(task_count=Count("tasks"))
    office = Role.OFFICE_ADMIN in request_roles(request)
    unstaffed = units_without_liaison(user=request.user, role=Role.OFFICE_ADMIN) if office else []
    return render(request, "plans/plan_list.html", {"plans": plans, "unstaffed": unstaffed})


@role_required(*ANY_ROLE)
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """One plan: its particulars, how many tasks and units the user sees in it, and for the office of its
    region the source file and the 发布 button."""
    plan = plan_get(user=request.user, pk=plan_id)
    lines = assignment_list(user=request.user).filter(task__plan=plan).values("pk")
    context = {
        "plan": plan,
        "office": _is_office_of(request, plan),
        "task_count": plan_task_list(user=request.user, plan=plan).filter(closed_at__isnull=True).count(),
        "unit_count": Assignment.objects.filter(pk__in=lines).aggregate(n=Count("unit", distinct=True))["n"],
        "publish_form": PublishForm(initial={"expected_version": plan.version}),
        "withdraw_form": WithdrawForm(initial={"expected_version": plan.version}),
        "links": _links(request, plan.pk, ("plan_ledger", "dashboard", "plan_review3", "plan_coverage")),
    }
    return render(request, "plans/plan_detail.html", context)


@role_required(Role.OFFICE_ADMIN)
def plan_source(request: HttpRequest, plan_id: int) -> FileResponse:
    """The file the plan was imported from, for the office of its region (the plan must be in scope)."""
    plan = plan_get(user=request.user, pk=plan_id)
    require_office_admin(request.user, plan.region)
    if not plan.source_file or not default_storage.exists(plan.source_file.name):
        raise Http404
    name = plan.source_name or f"plan-{plan.pk}"
    content_type = mimetypes.guess_type(PurePath(name).name)[0] or "application/octet-stream"
    return FileResponse(
        default_storage.open(plan.source_file.name, "rb"),
        as_attachment=True,
        filename=name,
        content_type=content_type,
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE_ADMIN)
def plan_publish(request: HttpRequest, plan_id: int) -> HttpResponse:
    """发布 a draft: every unit then sees its lines. GET, or a POST without ``confirmed``, is the
    confirmation page (which units will see how many tasks); a form older than the plan's last save is
    refused."""
    plan = plan_get(user=request.user, pk=plan_id)
    require_office_admin(request.user, plan.region)
    if plan.status != Plan.Status.DRAFT and not is_confirmed(request):
        messages.info(request, _("方案已发布。"))
        return redirect("plan_detail", plan_id=plan.pk)
    if not is_confirmed(request):
        units = list(Unit.objects.filter(assignments__task__plan=plan).distinct().order_by("order", "name"))
        tasks = plan.tasks.count()
        confirmation = Confirmation(
            title=_("发布方案"),
            lines=[
                _("发布方案《%(title)s》（%(tasks)s 项任务）。") % {"title": plan.title, "tasks": tasks},
                _("发布后 %(n)s 个责任单位即可看到本单位的任务并开始报送进展。") % {"n": len(units)},
            ],
            recipients=[unit.name for unit in units],
            button=_("确认发布"),
            action=reverse("plan_publish", args=[plan.pk]),
            back=reverse("plan_detail", args=[plan.pk]),
        )
        return confirm_page(request, confirmation, fields=[("expected_version", str(plan.version))])
    form = PublishForm(request.POST)

    def publish() -> str:
        services.plan_publish(
            actor=request.user, plan=plan, expected_version=form.cleaned_data["expected_version"]
        )
        return said(f"方案《{plan.title}》已发布。", "The plan has been published.")

    return message_action(
        request,
        publish,
        back=redirect("plan_detail", plan_id=plan.pk),
        form=form,
        invalid=said("发布请求无效，请刷新页面后重试。", "Invalid request; reload the page and retry."),
    )


def _is_office_of(request: HttpRequest, plan) -> bool:
    return (
        Role.OFFICE_ADMIN in request_roles(request)
        and plan.region_id is not None
        and is_office_admin_of(request.user, plan.region_id)
    )


def _links(request: HttpRequest, pk: int, names: tuple[str, ...]) -> dict[str, str]:
    """URL name → this plan's page of that name, for the pages the user's roles may open (as the navigation
    decides): the plan's own page when the route takes the plan's id, else the page filtered by ``?plan=``.
    Every name must be routed one way or the other; a missing one raises."""
    roles = request_roles(request)
    found = {}
    for name in names:
        try:
            url, own = reverse(name, args=(pk,)), True
        except NoReverseMatch:
            url, own = reverse(name), False
        required = getattr(resolve(url).func, "required_roles", None)
        if required is None or required & roles:
            found[name] = url if own else f"{url}?plan={pk}"
    return found
