"""Rulemaking (制度建设): the versions of a regulation as issued and the 立改废留 decisions taken on it, each
with its evaluation and the findings and rectification items that triggered it. The register itself
(``regulations.Regulation``) sits below, so plans can link their 《…》 titles without reaching up here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.files.models import Attachment


class RegulationVersion(models.Model):
    """制度版本: one text of a regulation as issued; its file is a ``RegulationVersionFile``."""

    regulation = models.ForeignKey(
        "regulations.Regulation", on_delete=models.CASCADE, related_name="versions", verbose_name="制度"
    )
    number = models.PositiveIntegerField("版次")
    issued_on = models.DateField("印发日期", null=True, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)
    decision = models.ForeignKey(
        "RegulationDecision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="versions",
        verbose_name="依据的立改废留决定",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "制度版本"
        verbose_name_plural = "制度版本"
        ordering = ("regulation", "-number")
        constraints = (
            models.UniqueConstraint(fields=["regulation", "number"], name="regulationversion_unique"),
        )

    def __str__(self) -> str:
        return f"{self.regulation} 第{self.number}版"


class RegulationDecision(models.Model):
    """立改废留决定: create, revise, abolish or retain a regulation, decided only after its evaluation (评估),
    with the argumentation (论证) and legality review (审查) notes and the findings and rectification items
    that triggered it. Deciding moves the regulation's status (rulemaking/lifecycle.py)."""

    class Kind(models.TextChoices):
        CREATE = "create", _("立")
        REVISE = "revise", _("改")
        ABOLISH = "abolish", _("废")
        RETAIN = "retain", _("留")

    regulation = models.ForeignKey(
        "regulations.Regulation", on_delete=models.PROTECT, related_name="decisions", verbose_name="制度"
    )
    kind = models.CharField("决定", max_length=16, choices=Kind.choices)
    evaluation = models.TextField("评估意见")
    argumentation = models.TextField("论证意见", blank=True)
    legal_review = models.TextField("审查意见", blank=True)
    decided_on = models.DateField("决定日期")
    findings = models.ManyToManyField(
        "inspections.Finding", blank=True, related_name="regulation_decisions", verbose_name="触发的检查问题"
    )
    rectifications = models.ManyToManyField(
        "rectification.RectificationItem",
        blank=True,
        related_name="regulation_decisions",
        verbose_name="触发的整改事项",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="决定人"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "立改废留决定"
        verbose_name_plural = "立改废留决定"
        ordering = ("regulation", "-decided_on", "-pk")
        constraints = (
            models.CheckConstraint(condition=~models.Q(evaluation=""), name="decision_evaluated_first"),
        )

    def __str__(self) -> str:
        return f"{self.regulation} {self.get_kind_display()}"


class RegulationVersionFile(Attachment):
    """The file of a regulation's version: its text as issued."""

    version = models.ForeignKey(
        RegulationVersion, on_delete=models.CASCADE, related_name="evidence", verbose_name="制度版本"
    )

    class Meta:
        verbose_name = "制度文本"
        verbose_name_plural = "制度文本"
