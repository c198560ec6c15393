"""Pages of 民主测评: the surveys (office side of the region), opening one, a survey with its results and
the office's buttons (发放测评码 → the .xlsx of codes, 开始, 结束), and the public rater page (``rate``).

The rater page is public (``lib.access.PUBLIC_ROUTES``) and needs no account: the code is the credential.
A wrong or used code is a 422 with the reason and counts against the client address on the sign-in
throttle (``accounts.signin_guard``); a throttled address gets 429 before any code is looked up."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.checks import OFFICE_SIDE, office_region
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.accounts.signin_guard import address_failure_record, address_refused
from taizhang.appraisals import selectors, services
from taizhang.appraisals.codes import AppraisalCode
from taizhang.appraisals.export import write_codes
from taizhang.appraisals.forms import BallotForm, CodeForm, CodesForm, SurveyForm, VersionForm
from taizhang.appraisals.models import Survey
from taizhang.lib.client_ip import client_ip
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_action, form_submit, refusal_answer
from taizhang.lib.refusal import Refusal
from taizhang.lib.responses import xlsx_response


@role_required(*OFFICE_SIDE)
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    context = {
        "surveys": selectors.survey_list(user=request.user)[:200],
        "may_write": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
    }
    return render(request, "appraisals/survey_list.html", context)


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None, user=request.user)
    if request.method != "POST":
        return render(request, "appraisals/survey_form.html", {"form": form})
    region = office_region(
        request.user, refusal=said("只有惩防办管理员可以组织测评。", "Only office admins run surveys.")
    )
    sent = form_submit(form, lambda data: services.survey_create(actor=request.user, region=region, **data))
    if sent.done:
        messages.success(request, _("民主测评已创建，请发放测评码。"))
        return redirect("survey_detail", sent.result.pk)
    return render(request, "appraisals/survey_form.html", {"form": form}, status=sent.status)


def _page(request, survey: Survey, *, status: int = 200, **forms) -> HttpResponse:
    may = selectors.may_run(request.user, survey)
    version = {"initial": {"expected_version": survey.version}}
    context = {
        "survey": survey,
        "results": selectors.survey_results(survey),
        "grades": survey.grades,
        "quota": services.top_quota(survey, survey.units.count()),
        "codes_form": forms.get("codes_form") or CodesForm()
        if may and survey.state != Survey.State.CLOSED
        else None,
        "open_form": VersionForm(**version) if may and survey.state == Survey.State.DRAFT else None,
        "close_form": VersionForm(**version) if may and survey.state == Survey.State.OPEN else None,
        "rate_url": request.build_absolute_uri(reverse("rate")),
        "error": forms.get("error", ""),
    }
    return render(request, "appraisals/survey_detail.html", context, status=status)


@role_required(*OFFICE_SIDE)
@require_GET
def survey_detail(request: HttpRequest, survey_id: int) -> HttpResponse:
    return _page(request, selectors.survey_get(user=request.user, pk=survey_id))


@role_required(Role.OFFICE_ADMIN)
@require_POST
def survey_codes(request: HttpRequest, survey_id: int) -> HttpResponse:
    """发放测评码: the answer is the .xlsx of the new codes itself — they are never shown again."""
    survey = selectors.survey_get(user=request.user, pk=survey_id)
    form = CodesForm(request.POST)
    sent = form_submit(form, lambda data: services.codes_issue(actor=request.user, survey=survey, **data))
    if not sent.done:
        return _page(request, survey, status=sent.status, codes_form=form)
    url = request.build_absolute_uri(reverse("rate"))
    return xlsx_response(
        lambda out: write_codes(out, survey, sent.result, rate_url=url),
        f"{survey.title}-测评码.xlsx",
        ascii_name=f"survey-{survey.pk}-codes.xlsx",
    )


def _step(request, survey_id: int, service, done: str) -> HttpResponse:
    def act(survey, data):
        service(actor=request.user, survey=survey, **data)
        return done

    return form_action(
        request,
        load=lambda: selectors.survey_get(user=request.user, pk=survey_id),
        form=VersionForm(request.POST),
        form_name="version_form",
        act=act,
        page=_page,
        back=lambda survey: redirect("survey_detail", survey.pk),
    )


@role_required(Role.OFFICE_ADMIN)
@require_POST
def survey_open(request: HttpRequest, survey_id: int) -> HttpResponse:
    return _step(request, survey_id, services.survey_open, _("测评已开始。"))


@role_required(Role.OFFICE_ADMIN)
@require_POST
def survey_close(request: HttpRequest, survey_id: int) -> HttpResponse:
    return _step(request, survey_id, services.survey_close, _("测评已结束。"))


# ---- the rater's page: public, a code instead of an account ----

_CODE_REFUSALS = (AppraisalCode.BAD_CODE, AppraisalCode.USED_CODE)


def _rate_page(request, *, form, status: int = 200, survey: Survey | None = None, error: str = ""):
    context = {"form": form, "survey": survey, "error": error}
    if survey is not None:
        context["quota"] = services.top_quota(survey, len(form.units))
        context["top_grade"] = survey.grades[0][1]
    return render(request, "appraisals/rate.html", context, status=status)


@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest) -> HttpResponse:
    """测评: enter the code, then grade each unit. Posting ``code`` alone shows the ballot; posting the
    grades with it casts the ballot."""
    if request.method != "POST":
        return _rate_page(request, form=CodeForm())
    ip = client_ip(request)
    if address_refused(ip):
        message = said("尝试次数过多，请稍后再试。", "Too many attempts. Try again later.")
        return _rate_page(request, form=CodeForm(), status=429, error=message)
    code_form = CodeForm(request.POST)
    if not code_form.is_valid():
        return _rate_page(request, form=code_form, status=422)
    code = code_form.cleaned_data["code"]
    try:
        survey = services.code_survey(code)
    except Refusal as exc:
        if exc.code in _CODE_REFUSALS:
            address_failure_record(ip)
        return _rate_page(request, form=code_form, status=422, error=refusal_answer(exc)[1])
    if "ballot" not in request.POST:
        return _rate_page(request, form=BallotForm(initial={"code": code}, survey=survey), survey=survey)
    ballot = BallotForm(request.POST, survey=survey)
    sent = form_submit(ballot, lambda data: services.ballot_cast(code=code, grades=ballot.grades()))
    if not sent.done:
        return _rate_page(request, form=ballot, survey=survey, status=sent.status)
    return render(request, "appraisals/rate_done.html", {"survey": survey})
