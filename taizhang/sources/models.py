"""Petitions (群众来信来访) and opinion polls (民意调查): where a problem came from, about which units and
task, and what it was turned into (a finding, a rectification item or an accountability case; the link is
kept here and shown on the target's page to the office side)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taizhang.lib.fields import EncryptedCharField, EncryptedTextField, row_key_field


class Source(models.Model):
    """What a petition and a poll share: the region whose office keeps it, the units and task it is about,
    and the one thing it was turned into (转化)."""

    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    units = models.ManyToManyField("units.Unit", related_name="+", verbose_name="涉及单位")
    task = models.ForeignKey(
        "plans.Task",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="涉及任务",
    )
    finding = models.ForeignKey(
        "inspections.Finding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)s_sources",
        verbose_name="转为检查问题",
    )
    rectification = models.ForeignKey(
        "rectification.RectificationItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)s_sources",
        verbose_name="转为整改事项",
    )
    case = models.ForeignKey(
        "accountability.AccountabilityCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)s_sources",
        verbose_name="转为问责依据",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        abstract = True

    @property
    def target(self):
        return self.finding or self.rectification or self.case


class Petition(Source):
    """群众来信来访: a letter, a visit, an online or a telephone complaint. The petitioner's name, contact and
    the content are encrypted at rest (SM4-GCM); only the office side of the region reads them."""

    class Channel(models.TextChoices):
        LETTER = "letter", _("来信")
        VISIT = "visit", _("来访")
        ONLINE = "online", _("网络")
        PHONE = "phone", _("电话")

    class State(models.TextChoices):
        REGISTERED = "registered", _("登记")
        CHECKING = "checking", _("核查中")
        CONVERTED = "converted", _("已转化")
        CONCLUDED = "concluded", _("已了结")

    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    received_on = models.DateField("收到日期")
    anonymous = models.BooleanField("匿名", default=False)
    petitioner_name = EncryptedCharField("来信来访人", max_length=50, blank=True)
    petitioner_contact = EncryptedCharField("联系方式", max_length=100, blank=True)
    summary = models.CharField("事由", max_length=200)
    content = EncryptedTextField("反映内容")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.REGISTERED)
    outcome = EncryptedTextField("办理结果", blank=True)
    row_key = row_key_field()

    class Meta:
        verbose_name = "群众来信来访"
        verbose_name_plural = "群众来信来访"
        ordering = ("-received_on", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(petitioner_name="", petitioner_contact=""),
                name="petition_anonymous_unnamed",
            ),
        )

    def __str__(self) -> str:
        return self.summary


class OpinionPoll(Source):
    """民意调查: a poll's title, date, method and sample size, with what it found."""

    class Method(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", _("问卷")
        ONLINE = "online", _("网络调查")
        PHONE = "phone", _("电话访问")
        INTERVIEW = "interview", _("座谈走访")

    title = models.CharField("调查名称", max_length=200)
    conducted_on = models.DateField("调查日期")
    method = models.CharField("调查方式", max_length=16, choices=Method.choices)
    sample_size = models.PositiveIntegerField("样本量")
    findings_text = models.TextField("调查结果")

    class Meta:
        verbose_name = "民意调查"
        verbose_name_plural = "民意调查"
        ordering = ("-conducted_on", "-pk")

    def __str__(self) -> str:
        return self.title
