"""Forms of the warning pages. They check shape and offer choices within the user's scope; the services
check every rule again and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.alerts.models import Alert, Level
from taizhang.alerts.selectors import AlertFilters
from taizhang.alerts.specs import RULE_LABELS
from taizhang.lib.refusal import TEXT_LIMIT as MAX_TEXT
from taizhang.lib.widgets import DATE
from taizhang.units.fields import UnitField
from taizhang.units.models import Unit

TEXT = forms.Textarea(attrs={"rows": 4})
ALL = "all"


class AlertFilterForm(forms.Form):
    """The list's filters as GET parameters; without a state, the open warnings."""

    level = forms.ChoiceField(label=_("预警等级"), choices=[("", _("全部")), *Level.choices], required=False)
    rule = forms.ChoiceField(
        label=_("预警规则"), choices=[("", _("全部")), *RULE_LABELS.items()], required=False
    )
    state = forms.ChoiceField(
        label=_("状态"),
        choices=[("", _("未解除")), (Alert.State.CLOSED, _("已解除")), (ALL, _("全部"))],
        required=False,
    )
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk__in=unit_ids_in_scope(user), alerts__isnull=False).distinct()
        self.fields["unit"].queryset = units.order_by("order", "pk")

    def filters(self) -> AlertFilters:
        data = self.cleaned_data if self.is_valid() else {}
        state = data.get("state") or Alert.State.OPEN
        unit = data.get("unit")
        return AlertFilters(
            level=data.get("level") or None,
            rule=data.get("rule") or None,
            state=None if state == ALL else state,
            unit_id=unit.pk if unit else None,
        )


class _OnAlertPage(forms.Form):
    """The warning's page shows several forms at once: ids of their own."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class ExplainForm(_OnAlertPage):
    id_prefix = "explain"
    explanation = forms.CharField(label=_("原因说明"), widget=TEXT, max_length=MAX_TEXT)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CloseForm(_OnAlertPage):
    id_prefix = "close"
    reason = forms.CharField(label=_("解除理由"), widget=TEXT, max_length=MAX_TEXT)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TalkForm(_OnAlertPage):
    """谈话提醒: a unit the office covers, optionally one of its warnings (from the warning's page)."""

    id_prefix = "talk"
    unit = UnitField(label=_("谈话单位"))
    alert = forms.ModelChoiceField(queryset=Alert.objects.none(), required=False, widget=forms.HiddenInput)
    talked_with = forms.CharField(label=_("谈话对象"), max_length=100, help_text=_("姓名及职务"))
    held_by = forms.CharField(label=_("谈话人"), max_length=100, help_text=_("姓名及职务"))
    held_on = forms.DateField(label=_("谈话日期"), widget=DATE)
    notes = forms.CharField(label=_("谈话记录"), widget=TEXT, max_length=MAX_TEXT)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        units = sorted(unit_ids_in_scope(user, Role.OFFICE_ADMIN))
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=units, active=True).order_by("order", "pk")
        self.fields["alert"].queryset = Alert.objects.filter(unit_id__in=units)
