"""登录 in two steps: the password (Django's ``LoginView``), then, for a person with a second factor, its
code (``second_factor_step``). Between them the session is not signed in (``second_factor.pending``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from taizhang.accounts.second_factor.factors import enrolled_factors
from taizhang.accounts.second_factor.pending import mark_passed, pending_begin, pending_clear, pending_get
from taizhang.accounts.second_factor.services import signin_second_step
from taizhang.administration.profile_forms import CodeForm
from taizhang.lib.client_ip import client_ip

STEP_PAGE = "registration/second_factor.html"
# One answer for a wrong, replayed or locked-out code, as the password step has one for every refusal.
WRONG = gettext_noop("验证码不正确或已使用过。多次输错将锁定账号。")


class SignInView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if enrolled_factors(user):
            pending_begin(self.request, user, next_url=self.get_success_url())
            return redirect("login_second_factor")
        return super().form_valid(form)


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def second_factor_step(request: HttpRequest) -> HttpResponse:
    """第二步: a code from the person's factor, or a recovery code. Without a pending sign-in (none, or
    older than five minutes): back to the password."""
    if request.user.is_authenticated:
        return redirect(resolve_url(settings.LOGIN_REDIRECT_URL))
    held = pending_get(request)
    if held is None:
        return redirect("login")
    user, data = held
    form = CodeForm(request.POST or None)
    factors = enrolled_factors(user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            code = form.cleaned_data["code"]
            if signin_second_step(user=user, code=code, request=request, ip=client_ip(request)):
                pending_clear(request)
                login(request, user, backend=data["backend"])
                mark_passed(request.session)
                return redirect(data["next"])
            form.add_error(None, _(WRONG))
        status = 422
    challenges = [
        (factor.name, text)
        for factor in factors
        if hasattr(factor, "challenge") and (text := factor.challenge(user, request))
    ]
    context = {"form": form, "factors": factors, "challenges": challenges}
    return render(request, STEP_PAGE, context, status=status)
