"""Forms of the instruction pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.units.fields import UnitsField


class InstructionForm(forms.Form):
    text = forms.CharField(label=_("批示内容"), widget=forms.Textarea(attrs={"rows": 5}))
    units = UnitsField(label=_("送达单位"), required=False, help_text=_("不选则送达该事项的全部单位"))
    due_date = forms.DateField(
        label=_("答复期限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 4}))
