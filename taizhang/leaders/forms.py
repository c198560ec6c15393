"""The form of a leader's links; the service checks every rule again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.inspections.checks import region_reach
from taizhang.leaders.services import MAX_QUOTA
from taizhang.lib.ids import BoundedModelMultipleChoiceField
from taizhang.regulations.models import Regulation
from taizhang.units.fields import UnitsField
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids


class LeaderLinkForm(forms.Form):
    """设置联系点: the regulations and units of the leader's region, and the yearly quota."""

    regulations = BoundedModelMultipleChoiceField(
        label=_("联系的重要制度"), queryset=Regulation.objects.none(), required=False
    )
    units = UnitsField(label=_("联系的单位"), required=False)
    yearly_quota = forms.IntegerField(label=_("每年带队检查次数"), min_value=0, max_value=MAX_QUOTA)

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        reach = region_reach(region)
        self.fields["regulations"].queryset = (
            Regulation.objects.filter(region_id__in=reach) | Regulation.objects.filter(region__isnull=True)
        ).order_by("title")
        self.fields["regulations"].widget.attrs["size"] = 8
        self.fields["units"].queryset = Unit.objects.filter(
            region_id__in=region_subtree_ids({region.pk}), active=True
        ).order_by("order", "pk")
