"""Forms of a regulation's page: a new version, and a 立改废留 decision. They offer choices within the
user's scope; the services check every rule again and decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.inspections.models import Finding
from taizhang.inspections.selectors import finding_visible_q
from taizhang.lib.i18n import said_lazy
from taizhang.lib.ids import BoundedModelMultipleChoiceField
from taizhang.lib.widgets import DATE
from taizhang.rectification.models import RectificationItem
from taizhang.rectification.selectors import rectification_visible_q
from taizhang.regulations.forms import TEXT
from taizhang.regulations.models import Regulation
from taizhang.rulemaking import lifecycle
from taizhang.rulemaking.models import RegulationDecision


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("制度文本"), error_messages={"required": said_lazy("请选择文件。", "Choose a file.")}
    )
    issued_on = forms.DateField(
        label=_("印发日期"),
        widget=DATE,
        required=False,
        help_text=_("填写印发日期即视为正式印发，起草中或修订中的制度随之生效。"),
    )
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class DecisionForm(forms.Form):
    """立改废留: the kinds the regulation's status allows; the triggers among what the office reads."""

    kind = forms.ChoiceField(label=_("决定"), choices=RegulationDecision.Kind.choices)
    evaluation = forms.CharField(label=_("评估意见"), widget=TEXT)
    argumentation = forms.CharField(label=_("论证意见"), widget=TEXT, required=False)
    legal_review = forms.CharField(label=_("审查意见"), widget=TEXT, required=False)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE)
    findings = BoundedModelMultipleChoiceField(
        label=_("触发的检查问题"), queryset=Finding.objects.none(), required=False
    )
    rectifications = BoundedModelMultipleChoiceField(
        label=_("触发的整改事项"), queryset=RectificationItem.objects.none(), required=False
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, user: User, regulation: Regulation, **kwargs):
        kwargs.setdefault(
            "initial", {"decided_on": timezone.localdate(), "expected_version": regulation.version}
        )
        super().__init__(*args, **kwargs)
        allowed = lifecycle.allowed_kinds(regulation.status)
        self.fields["kind"].choices = [(k, RegulationDecision.Kind(k).label) for k in allowed]
        regions = sorted(region_ids_in_scope(user, Role.OFFICE_ADMIN))
        findings = Finding.objects.filter(finding_visible_q(user), inspection__region_id__in=regions)
        self.fields["findings"].queryset = findings.select_related("unit").order_by("-found_on", "pk")
        self.fields["findings"].label_from_instance = lambda f: f"{f.unit.name}：{f.description[:40]}"
        items = RectificationItem.objects.filter(rectification_visible_q(user), unit__region_id__in=regions)
        self.fields["rectifications"].queryset = items.select_related("unit").order_by("-pk")
        self.fields["rectifications"].label_from_instance = lambda i: f"{i.unit.name}：{i.title[:40]}"
