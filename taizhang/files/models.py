"""A stored content (``Blob``) and the abstract attachment each owner's file table extends."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile


class Blob(models.Model):
    """One distinct content, stored once under its SHA-256 (``files.storage.blob_store``), whoever
    attached it and however often. The storage name carries no user text: nothing in it can be executed
    or traversed."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100, help_text="首次上传时按扩展名判定")
    file = models.FileField("存储名", max_length=200)
    created_at = models.DateTimeField("存入时间", auto_now_add=True)

    class Meta:
        verbose_name = "存储文件"
        verbose_name_plural = "存储文件"

    def __str__(self) -> str:
        return self.sha256


class AttachmentManager(models.Manager):
    """Attachments come with their blob: every list shows a file's size or digest, and a related manager
    (``owner.evidence``) or a plain prefetch reads it in the same query rather than one per file."""

    def get_queryset(self):
        return super().get_queryset().select_related("blob")


class Attachment(models.Model):
    """佐证材料: one uploaded file attached to one owner. Each owner app declares its own table from this,
    with a real foreign key to its owner (``related_name="evidence"``), so access checks are plain joins
    and every arrow points down to this app. Added through ``files.services.attach``."""

    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="+", verbose_name="存储文件")
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("类型", max_length=100, help_text="下载时的类型，按原文件名的扩展名判定")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = AttachmentManager()

    class Meta:
        abstract = True
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.original_name

    # What pages and tests read of the stored content, through the blob the manager joins.
    @property
    def file(self) -> FieldFile:
        return self.blob.file

    @property
    def sha256(self) -> str:
        return self.blob.sha256

    @property
    def size(self) -> int:
        return self.blob.size
