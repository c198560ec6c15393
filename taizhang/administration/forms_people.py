"""Forms of 用户管理 and 角色授权: each offers only the units and regions the administrator covers."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.administrators import regions_for_admin, units_for_admin
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import has_role

_MOBILE = re.compile(r"^\+?[0-9][0-9 \-]{5,19}$")


class UserFilterForm(forms.Form):
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("用户名、姓名、单位或手机")}),
    )
    unit = forms.ModelChoiceField(label=_("单位"), queryset=None, required=False, empty_label=_("全部"))
    role = forms.ChoiceField(label=_("角色"), required=False)
    active = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), ("1", _("在用")), ("0", _("已停用"))]
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_admin(user, _duty(user))
        self.fields["role"].choices = [("", _("全部")), *Role.choices]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        active = self.cleaned_data["active"]
        return {
            "text": self.cleaned_data["q"],
            "unit": self.cleaned_data["unit"],
            "role": self.cleaned_data["role"],
            "active": None if active == "" else active == "1",
        }


def _duty(user: User) -> Role:
    """The account-page duty ``user`` holds (one per person): system before security administrator."""
    return Role.SYSTEM_ADMIN if has_role(user, Role.SYSTEM_ADMIN) else Role.SECURITY_ADMIN


class UserForm(forms.Form):
    """新建 (with a username) and 修改 (without: a username does not change) an account."""

    username = forms.CharField(label=_("用户名"), max_length=150, help_text=_("登录用，建成后不能修改"))
    display_name = forms.CharField(label=_("姓名"), max_length=50)
    unit = forms.ModelChoiceField(label=_("所在单位"), queryset=None)
    email = forms.EmailField(label=_("电子邮箱"), required=False, help_text=_("用于接收邮件提醒"))
    mobile = forms.CharField(label=_("手机"), max_length=20, required=False)

    def __init__(self, *args, admin: User, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_admin(admin, Role.SYSTEM_ADMIN)
        if editing:
            del self.fields["username"]
            self.fields["unit"].required = False

    def clean_mobile(self) -> str:
        mobile = self.cleaned_data["mobile"].strip()
        if mobile and not _MOBILE.match(mobile):
            raise ValidationError(_("请填写正确的手机号码。"))
        return mobile


class GrantForm(forms.Form):
    """角色授权: a role over one unit or one region of the administrator's."""

    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("范围：单位"), queryset=None, required=False, empty_label="—")
    region = forms.ModelChoiceField(
        label=_("范围：区划及以下"), queryset=None, required=False, empty_label="—"
    )

    def __init__(self, *args, admin: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_admin(admin, Role.SECURITY_ADMIN)
        self.fields["region"].queryset = regions_for_admin(admin, Role.SECURITY_ADMIN)
        self.fields["unit"].help_text = _("联络员、单位负责人只能授予其所在单位")

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("unit")) == bool(data.get("region")):
            raise ValidationError(_("请选择一个单位或一个区划（二者选一）。"))
        return data
