"""Forms of 单位管理: the registry's filters, a new unit, and the actions on a unit and a region."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.units.models import Region, Unit

ACTIVE_CHOICES = (("", _("全部")), ("1", _("在用")), ("0", _("已停用")))
# The kinds' labels are plain Chinese in the model (messages and exports use them); translated for the form.
KIND_CHOICES = [(value, _(label)) for value, label in Unit.Kind.choices]


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("名称、简称或别名"), required=False, max_length=100)
    region = forms.ModelChoiceField(label=_("行政区划"), queryset=Region.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("类别"), choices=[("", _("全部")), *KIND_CHOICES], required=False)
    active = forms.ChoiceField(label=_("状态"), choices=ACTIVE_CHOICES, required=False)

    def __init__(self, *args, region_ids=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(pk__in=sorted(region_ids)).order_by("name")

    def filters(self) -> dict:
        """The registry's filters; none when the form is unbound or invalid (a stale region id)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        active = {"1": True, "0": False}.get(data["active"])
        return {"q": data["q"].strip(), "region": data["region"], "kind": data["kind"], "active": active}


class UnitCreateForm(forms.Form):
    name = forms.CharField(label=_("全称"), max_length=100)
    short_name = forms.CharField(label=_("简称"), max_length=50, required=False)
    kind = forms.ChoiceField(label=_("类别"), choices=KIND_CHOICES, initial=Unit.Kind.GOVERNMENT)
    region = forms.ModelChoiceField(label=_("行政区划"), queryset=Region.objects.none())
    order = forms.IntegerField(label=_("排序"), min_value=0, initial=0, required=False)

    def __init__(self, *args, region_ids=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(pk__in=sorted(region_ids)).order_by("name")


class UnitRenameForm(forms.Form):
    name = forms.CharField(label=_("新全称"), max_length=100)
    short_name = forms.CharField(label=_("新简称"), max_length=50, required=False)


class UnitKindForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=KIND_CHOICES)


class UnitActiveForm(forms.Form):
    action = forms.ChoiceField(choices=(("deactivate", _("停用")), ("reactivate", _("启用"))))


class AliasAddForm(forms.Form):
    alias = forms.CharField(label=_("别名"), max_length=100)


class AliasRemoveForm(forms.Form):
    alias = forms.IntegerField(widget=forms.HiddenInput)


class UnitMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("并入单位"), queryset=Unit.objects.none(), help_text=_("本单位的工作和名称都将转到所选单位")
    )
    confirm = forms.BooleanField(label=_("我已核对上述数量，确认合并"))

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Unit.objects.filter(region_id=unit.region_id, active=True)
            .exclude(pk=unit.pk)
            .order_by("order", "name")
        )


class RegionNameForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=50)
