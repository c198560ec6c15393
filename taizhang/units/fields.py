"""Form fields that pick units: the searchable picker (``lib.pickers``) with 全选 by unit kind. The caller
gives the queryset — the units of the office's region (``units.selectors.region_subtree_ids``)."""

from __future__ import annotations

from django import forms

from taizhang.lib.ids import BoundedModelMultipleChoiceField
from taizhang.lib.pickers import Picker, PickerSelect
from taizhang.units.models import Unit


class UnitsField(BoundedModelMultipleChoiceField):
    """Several units, each shown by its name; the picker offers 全选 per kind (区县, 乡镇, 街道 …)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Unit.objects.none())
        kwargs.setdefault("widget", Picker(kind_labels=Unit.Kind.choices))
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class UnitField(forms.ModelChoiceField):
    """One unit, from a searchable list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Unit.objects.none())
        kwargs.setdefault("widget", PickerSelect)
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return obj.name
