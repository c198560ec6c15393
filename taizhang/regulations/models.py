"""The regulations register (制度台账): regulations with their status. Their versions and the 立改废留
decisions taken on them are ``taizhang.rulemaking``, above the things that trigger a decision."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Regulation(models.Model):
    """制度: a regulation in force, being drafted or revised, or abolished."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("现行有效")
        DRAFTING = "drafting", _("起草中")
        REVISING = "revising", _("修订中")
        ABOLISHED = "abolished", _("已废止")

    title = models.CharField("制度名称", max_length=200, help_text="不含书名号")
    issuing_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_regulations",
        verbose_name="制定单位",
    )
    issued_on = models.DateField("印发日期", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.IN_FORCE)
    region = models.ForeignKey(
        "units.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulations",
        verbose_name="行政区划",
        help_text="中央或上级制度可不属于本地区划",
    )
    doc_number = models.CharField("文号", max_length=100, blank=True)
    summary = models.TextField("主要内容", blank=True)
    reviewed_on = models.DateField(
        "最近清理审查日期", null=True, blank=True, help_text="定期清理以此为起点，未审查过时以印发日期为起点"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "制度"
        verbose_name_plural = "制度"
        ordering = ("title",)
        indexes = (models.Index(fields=["region", "title"], name="regulation_region_title"),)

    def __str__(self) -> str:
        return f"《{self.title}》"
