"""Forms of the administration pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.units.models import Region


class PeopleUploadForm(forms.Form):
    region = forms.ModelChoiceField(label=_("导入到区划"), queryset=Region.objects.none())
    file = forms.FileField(label=_("通讯录（.xlsx）"))
    create_units = forms.BooleanField(label=_("新建未找到的单位"), required=False, initial=True)
    update_existing = forms.BooleanField(label=_("更新已有账号"), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        regions = sorted(region_ids_in_scope(user, Role.SYSTEM_ADMIN))
        self.fields["region"].queryset = Region.objects.filter(pk__in=regions).order_by("pk")
        if len(regions) == 1:
            self.fields["region"].initial = regions[0]
