"""One warning: the data that raised it, the unit's explanation, the talks held, and the forms of whoever
may act now — the unit (说明原因) or the office (谈话提醒, 决定解除)."""

from __future__ import annotations

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import UNIT_ROLES, Role
from taizhang.alerts.display import evidence_rows, subject_url
from taizhang.alerts.forms import CloseForm, ExplainForm, TalkForm
from taizhang.alerts.models import Alert
from taizhang.alerts.selectors import alert_get, may_explain, may_manage, talk_list
from taizhang.alerts.services import alert_close, alert_explain
from taizhang.alerts.specs import RULE_LABELS
from taizhang.lib.pageforms import form_action

PAGE = "alerts/alert_detail.html"


def _page(request: HttpRequest, alert: Alert, *, status: int = 200, error: str = "", **forms: Form):
    user = request.user
    version = {"expected_version": alert.version}
    managing = may_manage(user, alert)
    talk_initial = {"unit": alert.unit_id, "alert": alert.pk, "held_on": timezone.localdate()}
    context = {
        "alert": alert,
        "rule_label": RULE_LABELS.get(alert.rule, alert.rule),
        "evidence": evidence_rows(alert, timezone.localdate()),
        "subject_url": subject_url(alert),
        "talks": talk_list(user=user, alert=alert),
        "cases": alert.cases.all() if managing else [],
        "explain_form": forms.get("explain_form") or ExplainForm(initial=version)
        if may_explain(user, alert)
        else None,
        "close_form": forms.get("close_form") or CloseForm(initial=version)
        if managing and alert.state == Alert.State.OPEN
        else None,
        "talk_form": TalkForm(initial=talk_initial, user=user) if managing else None,
        "may_open_case": managing,
        "error": error,
    }
    return render(request, PAGE, context, status=status)


@role_required(*ANY_ROLE)
@require_GET
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    return _page(request, alert_get(user=request.user, pk=alert_id))


def _act(request: HttpRequest, alert_id: int, form_class, name: str, act) -> HttpResponse:
    return form_action(
        request,
        load=lambda: alert_get(user=request.user, pk=alert_id),
        form=form_class(request.POST),
        form_name=name,
        act=act,
        page=_page,
        back=lambda alert: redirect("alert_detail", alert_id=alert.pk),
    )


@role_required(*UNIT_ROLES)
@require_POST
def alert_explain_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    def act(alert, data):
        alert_explain(
            actor=request.user,
            alert=alert,
            explanation=data["explanation"],
            expected_version=data["expected_version"],
        )
        return _("原因说明已提交。")

    return _act(request, alert_id, ExplainForm, "explain_form", act)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def alert_close_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    def act(alert, data):
        alert_close(
            actor=request.user, alert=alert, reason=data["reason"], expected_version=data["expected_version"]
        )
        return _("预警已解除。")

    return _act(request, alert_id, CloseForm, "close_form", act)
