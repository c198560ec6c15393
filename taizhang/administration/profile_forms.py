"""The forms of 个人设置 (one's own profile, password and API tokens). They check shapes only; the rules
(formats, the validators, who gets a token, the longest expiry) are the services'."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _


def language_choices() -> list[tuple[str, str]]:
    return [("", _("跟随本机（默认中文）")), *settings.LANGUAGES]


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("姓名"), max_length=50)
    email = forms.CharField(
        label=_("电子邮箱"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}),
        help_text=_("用于接收提醒和找回密码"),
    )
    mobile = forms.CharField(
        label=_("手机"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    language = forms.ChoiceField(label=_("界面语言"), choices=language_choices, required=False)


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("当前密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("新密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label=_("再次输入新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("new_password1") and data.get("new_password2") != data["new_password1"]:
            self.add_error("new_password2", _("两次输入的新密码不一致。"))
        return data


class TokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=100, help_text=_("例如：某某系统数据对接"))
    days = forms.IntegerField(label=_("有效天数"), min_value=1, required=False, help_text=_("留空表示不过期"))


class EmailResetForm(PasswordResetForm):
    """Django's form (it mails every active account with that address and a usable password, and nothing
    otherwise), with a Chinese label."""

    email = forms.EmailField(
        label=_("电子邮箱"), max_length=254, widget=forms.TextInput(attrs={"autocomplete": "email"})
    )


class CodeForm(forms.Form):
    """A dynamic password (6 digits) or, where allowed, a recovery code."""

    code = forms.CharField(
        label=_("验证码"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class SecondFactorDisableForm(forms.Form):
    password = forms.CharField(
        label=_("当前密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("验证码或恢复码"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
