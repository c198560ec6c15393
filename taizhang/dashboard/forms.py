"""The roll-up's query string: a year, a region, the region's own units."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RollupForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)
    region = forms.IntegerField(label=_("地区"), min_value=1, required=False)
    units = forms.BooleanField(label=_("本级单位"), required=False)
