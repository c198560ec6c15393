"""The filters of the audit log page and its export."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.administration.auditlog import Filters
from taizhang.lib.widgets import DATE


class AuditFilterForm(forms.Form):
    start = forms.DateField(label=_("起始日期"), required=False, widget=DATE)
    end = forms.DateField(label=_("截止日期"), required=False, widget=DATE)
    user = forms.CharField(label=_("操作人（账号或姓名）"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("操作"), required=False)
    object_type = forms.ChoiceField(label=_("对象类型"), required=False)
    object_id = forms.CharField(label=_("对象编号"), required=False, max_length=64)
    unit = forms.CharField(label=_("单位"), required=False, max_length=100)
    ip = forms.GenericIPAddressField(label=_("IP 地址"), required=False)

    def __init__(self, *args, actions: list[str], object_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("全部")), *((a, a) for a in actions)]
        self.fields["object_type"].choices = [("", _("全部")), *((t, t) for t in object_types)]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        if data.get("object_id") and not data.get("object_type"):
            self.add_error("object_type", _("按对象编号筛选时，请同时选择对象类型。"))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            start=data.get("start"),
            end=data.get("end"),
            user=(data.get("user") or "").strip(),
            action=data.get("action") or "",
            object_type=data.get("object_type") or "",
            object_id=(data.get("object_id") or "").strip(),
            unit=(data.get("unit") or "").strip(),
            ip=data.get("ip") or None,
        )
