"""找回密码 by e-mail, where e-mail is configured (``TAIZHANG_EMAIL_HOST``): Django's password-reset views
with our templates, in two public routes. Asking for a link answers the same whatever the address (no
account enumeration) and goes back to the login page with a message; the link works once, for
``PASSWORD_RESET_TIMEOUT`` seconds, and setting the password through it is a service, audited. Without
e-mail both routes are 404 with a page that says whom to ask (the security administrator)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from taizhang.accounts.services import password_reset_by_email
from taizhang.administration.profile_forms import EmailResetForm

OFF_PAGE = "administration/profile/password_reset_off.html"


class _OnlyWithEmail:
    def dispatch(self, request, *args, **kwargs):
        if not settings.TAIZHANG_EMAIL_ENABLED:
            return render(request, OFF_PAGE, status=404)
        return super().dispatch(request, *args, **kwargs)


class PasswordResetView(_OnlyWithEmail, auth_views.PasswordResetView):
    template_name = "administration/profile/password_reset_form.html"
    email_template_name = "administration/profile/password_reset_email.txt"
    subject_template_name = "administration/profile/password_reset_subject.txt"
    form_class = EmailResetForm
    success_url = reverse_lazy("login")

    @property
    def extra_email_context(self) -> dict:
        return {"minutes": settings.PASSWORD_RESET_TIMEOUT // 60}

    def form_valid(self, form):
        response = super().form_valid(form)  # mails the link to the matching accounts, if any
        minutes = settings.PASSWORD_RESET_TIMEOUT // 60
        messages.info(
            self.request,
            _(
                "如果该邮箱登记在某个账号上，重设密码的链接已发到这个邮箱，%(minutes)d 分钟内有效。"
                "没有收到请联系安全管理员。"
            )
            % {"minutes": minutes},
        )
        return response


class PasswordResetConfirmView(_OnlyWithEmail, auth_views.PasswordResetConfirmView):
    template_name = "administration/profile/password_reset_confirm.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        # Not form.save(): the service sets the password, ends the person's sessions and audits it.
        password_reset_by_email(user=self.user, new_password=form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("密码已重设，请用新密码登录。"))
        return HttpResponseRedirect(self.success_url)
