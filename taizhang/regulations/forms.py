"""Forms of the regulation pages. They check shape and offer choices within the user's scope; the services
check every rule again and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.lib.widgets import DATE
from taizhang.regulations.checks import CREATABLE
from taizhang.regulations.models import Regulation
from taizhang.regulations.selectors import RegFilters, readable_region_ids
from taizhang.units.models import Region, Unit

TEXT = forms.Textarea(attrs={"rows": 3})


class RegFilterForm(forms.Form):
    """The list's filters, as GET parameters; a value outside the choices is dropped with a field error."""

    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部")), *Regulation.Status.choices], required=False
    )
    issuing_unit = forms.ModelChoiceField(label=_("制定单位"), queryset=Unit.objects.none(), required=False)
    q = forms.CharField(label=_("名称或文号"), max_length=100, required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(region_id__in=readable_region_ids(user), issued_regulations__isnull=False)
        self.fields["issuing_unit"].queryset = units.distinct().order_by("order", "pk")

    def filters(self) -> RegFilters:
        data = self.cleaned_data if self.is_valid() else {}
        unit = data.get("issuing_unit")
        return RegFilters(
            status=data.get("status") or None,
            issuing_unit_id=unit.pk if unit else None,
            text=data.get("q", ""),
        )


def register_regions(user: User) -> list[int]:
    """The regions ``user`` may register regulations in: the office's, and their units' own."""
    units = Unit.objects.filter(pk__in=unit_ids_in_scope(user, *UNIT_ROLES)).values_list(
        "region_id", flat=True
    )
    return sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN) | set(units))


class RegulationForm(forms.Form):
    """登记 or edit a regulation. ``region`` and ``status`` are asked only when registering."""

    region = forms.ModelChoiceField(label=_("所属区划"), queryset=Region.objects.none())
    title = forms.CharField(label=_("制度名称"), max_length=210, help_text=_("不含书名号"))
    status = forms.ChoiceField(label=_("状态"), choices=[(s, Regulation.Status(s).label) for s in CREATABLE])
    issuing_unit = forms.ModelChoiceField(label=_("制定单位"), queryset=Unit.objects.none(), required=False)
    issued_on = forms.DateField(label=_("印发日期"), widget=DATE, required=False)
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    summary = forms.CharField(label=_("主要内容"), widget=TEXT, required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user: User, regulation: Regulation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        regions = register_regions(user)
        units = Unit.objects.filter(region_id__in=regions, active=True)
        if not region_ids_in_scope(user, Role.OFFICE_ADMIN):  # a unit registers its own regulations only
            units = units.filter(pk__in=unit_ids_in_scope(user, *UNIT_ROLES))
        self.fields["issuing_unit"].queryset = units.order_by("order", "pk")
        if regulation is not None:
            del self.fields["region"], self.fields["status"]
            self.fields["expected_version"].required = True
        else:
            self.fields["region"].queryset = Region.objects.filter(pk__in=regions).order_by("pk")
            if len(regions) == 1:
                self.fields["region"].initial = regions[0]


class CatalogueUploadForm(forms.Form):
    region = forms.ModelChoiceField(label=_("所属区划"), queryset=Region.objects.none())
    file = forms.FileField(label=_("制度目录（.xlsx）"))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        regions = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
        self.fields["region"].queryset = Region.objects.filter(pk__in=regions).order_by("pk")
        if len(regions) == 1:
            self.fields["region"].initial = regions[0]
