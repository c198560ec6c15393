"""Accountability (问责): cases against a unit or its main leader, on the grounds that led to them, with the
measures taken. Case documents are ``CaseFile`` rows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taizhang.files.models import Attachment
from taizhang.lib.fields import EncryptedTextField, row_key_field


class AccountabilityCase(models.Model):
    """问责案件: opened against a unit or a person (usually its main leader); grounds are linked warnings and
    inspection findings plus complaints (投诉举报) and opinion surveys (民意调查) in words; closed with the
    measures decided. ``reaccountability`` marks a case the discipline office opened itself because the
    case was due and not opened (再问责)."""

    class Target(models.TextChoices):
        UNIT = "unit", _("单位")
        LEADER = "leader", _("主要负责人")
        PERSON = "person", _("其他责任人")

    class State(models.TextChoices):
        OPEN = "open", _("调查中")
        DECIDED = "decided", _("已作出处理")
        CLOSED = "closed", _("已结案")

    class Measure(models.TextChoices):
        CRITICISM = "criticism", _("通报批评")
        ADMONITION = "admonition", _("诫勉")
        SELF_EXAMINATION = "self_examination", _("责令检查")
        ORGANIZATIONAL = "organizational", _("组织处理")
        DISCIPLINARY = "disciplinary", _("党纪政务处分")
        OTHER = "other", _("其他")

    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="accountability_cases", verbose_name="行政区划"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="accountability_cases", verbose_name="被问责单位"
    )
    target = models.CharField("问责对象", max_length=16, choices=Target.choices, default=Target.UNIT)
    person_name = models.CharField("责任人姓名", max_length=50, blank=True)
    person_post = models.CharField("职务", max_length=100, blank=True)
    title = models.CharField("案由", max_length=200)
    alerts = models.ManyToManyField("alerts.Alert", blank=True, related_name="cases", verbose_name="关联预警")
    findings = models.ManyToManyField(
        "inspections.Finding", blank=True, related_name="accountability_cases", verbose_name="关联检查问题"
    )
    # The complaints, surveys and the decision's detail are kept encrypted (SM4-GCM, lib.fields).
    complaints = EncryptedTextField("投诉举报", blank=True)
    surveys = EncryptedTextField("民意调查", blank=True)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.OPEN)
    measure = models.CharField("问责方式", max_length=20, choices=Measure.choices, blank=True)
    measure_detail = EncryptedTextField("处理情况", blank=True)
    opened_on = models.DateField("立案日期")
    decided_on = models.DateField("处理日期", null=True, blank=True)
    decision_seal = models.CharField(
        "处理决定校验值",
        max_length=100,
        blank=True,
        editable=False,
        help_text="HMAC-SM3，见 accountability.seal",
    )
    closed_on = models.DateField("结案日期", null=True, blank=True)
    reaccountability = models.BooleanField("再问责", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="立案人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")
    row_key = row_key_field()

    class Meta:
        verbose_name = "问责案件"
        verbose_name_plural = "问责案件"
        ordering = ("-opened_on", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(target="unit") | ~Q(person_name=""), name="case_person_named_unless_unit"
            ),
            models.CheckConstraint(
                condition=Q(state="open") | ~Q(measure=""), name="case_decided_has_measure"
            ),
        )
        indexes = (models.Index(fields=["region", "state"], name="case_region_state"),)

    def __str__(self) -> str:
        return self.title


class CaseFile(Attachment):
    """A case document (案件材料): the decision, the notice of the measures taken."""

    case = models.ForeignKey(
        AccountabilityCase, on_delete=models.CASCADE, related_name="evidence", verbose_name="问责案件"
    )

    class Meta:
        verbose_name = "案件材料"
        verbose_name_plural = "案件材料"
