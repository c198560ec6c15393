"""Circulars (通报): documents the office generates from a Word template, edits and publishes; units see the
published circulars that name them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CircularKind(models.TextChoices):
    INSPECTION = "inspection", _("督查通报")
    ASSESSMENT = "assessment", _("考核通报")
    RECTIFICATION = "rectification", _("整改通报")


class Circular(models.Model):
    """通报: the text the office edits (``body``) and the .docx made from it; ``units`` are the units it
    names, who see it once published."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    kind = models.CharField("类别", max_length=16, choices=CircularKind.choices)
    title = models.CharField("标题", max_length=200)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="circulars", verbose_name="行政区划"
    )
    inspection = models.ForeignKey(
        "inspections.Inspection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="circulars",
        verbose_name="督办检查",
    )
    body = models.TextField("正文", blank=True)
    copy_to = models.CharField("抄送", max_length=300, blank=True, help_text="抄送机关，以顿号分隔；印在版记")
    docx = models.FileField("Word 文件", max_length=200, blank=True, help_text="按 SHA-256 存放")
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    units = models.ManyToManyField(
        "units.Unit", blank=True, related_name="circulars", verbose_name="通报单位"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "通报"
        verbose_name_plural = "通报"
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(state="draft") | Q(published_at__isnull=False), name="circular_published_has_date"
            ),
            models.UniqueConstraint(
                fields=["doc_number"], condition=~Q(doc_number=""), name="circular_doc_number_unique"
            ),
        )

    def __str__(self) -> str:
        return self.title


class CircularTemplate(models.Model):
    """The Word template a region's office uses for one kind of circular, replacing the one shipped with the
    app. Replacing it again updates this row (the audit entry keeps the earlier file's digest)."""

    region = models.ForeignKey(
        "units.Region", on_delete=models.CASCADE, related_name="circular_templates", verbose_name="行政区划"
    )
    kind = models.CharField("通报类别", max_length=16, choices=CircularKind.choices)
    file = models.FileField("模板文件", max_length=200, help_text="按 SHA-256 存放")
    sha256 = models.CharField("SHA-256", max_length=64)
    original_name = models.CharField("原文件名", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now=True)

    class Meta:
        verbose_name = "通报模板"
        verbose_name_plural = "通报模板"
        constraints = (models.UniqueConstraint(fields=["region", "kind"], name="circulartemplate_unique"),)

    def __str__(self) -> str:
        return f"{self.region} · {self.get_kind_display()}"
