"""第二因素 on one's own settings: enrol the authenticator (the secret as text and as a QR code drawn here,
confirmed with a code, then the ten recovery codes shown once), disable it with the password and a code,
and make new recovery codes. Every signed-in account opens it (``lib.access.SIGNED_IN_ROUTES``); a person
who must use a second factor is sent here before anything else (``second_factor.middleware``)."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.accounts.access import signed_in_required
from taizhang.accounts.models import User
from taizhang.accounts.second_factor import recovery, totp
from taizhang.accounts.second_factor.factors import factor_required
from taizhang.accounts.second_factor.pending import mark_passed, unmark_passed
from taizhang.accounts.second_factor.services import (
    recovery_codes_regenerate,
    second_factor_disable,
    totp_enrol_confirm,
    totp_pending_secret,
)
from taizhang.administration.profile_forms import CodeForm, SecondFactorDisableForm
from taizhang.administration.views.profile import said
from taizhang.lib.client_ip import client_ip
from taizhang.lib.refusal import Refusal

PAGE = "administration/profile/second_factor.html"
CODES_PAGE = "administration/profile/recovery_codes.html"


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)  # a secret or codes shown once must not be kept by a cache
    return response


def _enrolment(user: User, secret: str) -> dict:
    uri = totp.provisioning_uri(user=user, secret=secret)
    qr = segno.make(uri, error="m").svg_data_uri(scale=5, border=2)  # an <img src="data:…">: CSP img-src
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return {"secret": grouped, "uri": uri, "qr": qr}


def _page(request: HttpRequest, *, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    enrolled = totp.totp_enrolled(user)
    context = {
        "enrolled": enrolled,
        "required": factor_required(user),
        "confirm_form": forms.get("confirm_form") or CodeForm(),
        "disable_form": forms.get("disable_form") or SecondFactorDisableForm(prefix="disable"),
        "regenerate_form": forms.get("regenerate_form") or CodeForm(prefix="regenerate"),
    }
    if enrolled:
        context["codes_left"] = recovery.recovery_codes_left(user)
    else:
        context.update(_enrolment(user, totp_pending_secret(user=user)))
    return _render(request, PAGE, context, status)


@signed_in_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """GET: the state, or the secret to enrol; POST: confirm the enrolment with a code."""
    if request.method != "POST":
        return _page(request)
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            codes = totp_enrol_confirm(
                user=request.user,
                code=form.cleaned_data["code"],
                keep_session=request.session.session_key,
                ip=client_ip(request),
            )
        except Refusal as exc:
            form.add_error("code", said(exc))
        else:
            mark_passed(request.session)  # the person just proved the factor in this session
            return _render(request, CODES_PAGE, {"codes": codes, "enrolled_now": True})
    return _page(request, status=422, confirm_form=form)


@signed_in_required
@require_POST
def second_factor_disable_view(request: HttpRequest) -> HttpResponse:
    form = SecondFactorDisableForm(request.POST, prefix="disable")
    if form.is_valid():
        data = form.cleaned_data
        try:
            second_factor_disable(
                user=request.user,
                password=data["password"],
                code=data["code"],
                keep_session=request.session.session_key,
                ip=client_ip(request),
            )
        except Refusal as exc:
            form.add_error("password" if exc.code == "wrong_password" else "code", said(exc))
        else:
            unmark_passed(request.session)
            messages.success(request, _("动态口令已停用，恢复码已作废。"))
            return redirect("second_factor")
    return _page(request, status=422, disable_form=form)


@signed_in_required
@require_POST
def recovery_codes_regenerate_view(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST, prefix="regenerate")
    if form.is_valid():
        try:
            codes = recovery_codes_regenerate(
                user=request.user, code=form.cleaned_data["code"], ip=client_ip(request)
            )
        except Refusal as exc:
            form.add_error("code", said(exc))
        else:
            return _render(request, CODES_PAGE, {"codes": codes, "enrolled_now": False})
    return _page(request, status=422, regenerate_form=form)
