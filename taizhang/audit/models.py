"""The audit trail (审计日志): one append-only row per change, written by the service that made it."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class AppendOnly(Exception):
    """Audit events are never changed or removed."""

    def __init__(self) -> None:
        super().__init__("审计日志只能追加，不能修改或删除。 / Audit events are append-only.")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly()

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnly()

    def delete(self):
        raise AppendOnly()

    def _raw_delete(self, using):  # the path Django's deletion collector takes for "fast" deletes
        raise AppendOnly()


class AuditEvent(models.Model):
    """Who did what to which object, with the values before and after, in the same transaction as the change.

    The object is named by type, id and text rather than a foreign key so that an event outlives its object.
    An entry is *placed* when it is written: the unit and region of the person it is about (the actor, or the
    account a failed sign-in tried), kept as plain ids for the same reason (a merged unit goes, its history
    stays). The audit administrator of a region reads the entries placed in it and below.
    """

    class Result(models.TextChoices):
        SUCCESS = "success", "成功"
        FAILURE = "failure", "失败"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # a user with history is deactivated, never deleted
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
        db_index=False,  # audit_actor_idx leads with the actor
    )
    action = models.CharField("操作", max_length=64)
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象名称", max_length=200, blank=True)
    before = models.JSONField("修改前", null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField("修改后", null=True, blank=True, encoder=DjangoJSONEncoder)
    at = models.DateTimeField("时间", default=timezone.now)
    source = models.CharField("来源", max_length=100, blank=True, help_text="web、api 或命令名")
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    result = models.CharField("结果", max_length=10, choices=Result.choices, default=Result.SUCCESS)
    unit_ref = models.IntegerField("所在单位", null=True, blank=True, help_text="units.Unit 的编号，不设外键")
    region_ref = models.IntegerField(
        "所在行政区划",
        null=True,
        blank=True,
        help_text="units.Region 的编号；空表示不属于任何区划（系统、未知账号）",
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        base_manager_name = "objects"
        # The log is read newest first by (at, id) with keyset pagination; each filter has an index that
        # leads with it and ends with (at, id), so a page is a range read, whatever the table's size.
        indexes = (
            models.Index(fields=["at", "id"], name="audit_at_idx"),
            models.Index(fields=["actor", "at", "id"], name="audit_actor_idx"),
            models.Index(fields=["action", "at", "id"], name="audit_action_idx"),
            models.Index(fields=["object_type", "object_id", "at", "id"], name="audit_object_idx"),
            models.Index(fields=["unit_ref", "at", "id"], name="audit_unit_idx"),
            models.Index(fields=["region_ref", "at", "id"], name="audit_region_idx"),
            models.Index(fields=["ip", "at", "id"], name="audit_ip_idx"),
        )

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly()
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly()
