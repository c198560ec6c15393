"""The audit trail (审计日志): one append-only row per change, written by the service that made it."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from taizhang.audit.chain import FIELDS, GENESIS, content, link, link_content
from taizhang.lib.bulk import insert_rows
from taizhang.lib.i18n import said


class AppendOnly(Exception):
    """Audit events are never changed or removed."""

    def __init__(self) -> None:
        super().__init__(said("审计日志只能追加，不能修改或删除。", "Audit events are append-only."))


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly()

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnly()

    def delete(self):
        raise AppendOnly()

    def _raw_delete(self, using):  # the path Django's deletion collector takes for "fast" deletes
        raise AppendOnly()

    def about(self, object_type: str, object_id: object) -> AuditEventQuerySet:
        """The entries about one object: its own (type and id), and those recording a change to it among
        many (``AuditObject``, written by ``audit_record_values`` for an entry's ``covers``). Each part is
        read on an index."""
        object_id = str(object_id)
        covering = AuditObject.objects.filter(object_type=object_type, object_id=object_id)
        own = models.Q(object_type=object_type, object_id=object_id)
        return self.filter(own | models.Q(pk__in=covering.values("event_id")))

    def bulk_create(self, objs, *args, **kwargs):
        """Appends in order, each entry linked to the one before it (under the chain head's lock)."""
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise AppendOnly()
        objs = list(objs)
        if not objs:
            return objs
        for obj in objs:
            if obj.at is None:
                obj.at = timezone.now()
        linked = append_values([obj.chain_values() for obj in objs], using=self.db)
        for obj, (pk, hash_) in zip(objs, linked, strict=True):
            obj.pk, obj.hash = pk, hash_
            obj._state.adding, obj._state.db = False, self.db
        return objs


def append_values(entries: list[dict], *, using: str) -> list[tuple[int, str]]:
    """Append entries given as plain values (a dict of ``audit.chain.FIELDS`` each), in order, each linked
    to the one before it under the chain head's lock, in one multi-row insert per batch (``lib.bulk``) —
    no model instance per entry. Returns each entry's id and hash. Inside the caller's transaction, or its
    own when there is none."""
    if not entries:
        return []
    bodies = [content(values) for values in entries]  # before the lock: the costly part of linking
    with transaction.atomic(using=using, savepoint=False):
        head = AuditChainHead.locked(using)
        last, rows = head.last_hash, []
        for values, body in zip(entries, bodies, strict=True):
            last = link_content(last, body)
            rows.append((*(values[name] for name in FIELDS), last))
        ids = insert_rows(AuditEvent, (*FIELDS, "hash"), rows, returning=("id",), using=using)
        linked = [(pk, row[-1]) for (pk,), row in zip(ids, rows, strict=True)]
        head.advance(using, linked[-1][0], last)
    return linked


class AuditEvent(models.Model):
    """Who did what to which object, with the values before and after, in the same transaction as the change.

    The object is named by type, id and text rather than a foreign key so that an event outlives its object.
    An entry is *placed* when it is written: the unit and region of the person it is about (the actor, or the
    account a failed sign-in tried), kept as plain ids for the same reason (a merged unit goes, its history
    stays). The audit administrator of a region reads the entries placed in it and below.
    """

    class Result(models.TextChoices):
        SUCCESS = "success", gettext_noop("成功")
        FAILURE = "failure", gettext_noop("失败")

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
    hash = models.CharField(
        "链哈希",
        max_length=64,
        default="",
        editable=False,
        help_text="SM3(上一条的哈希 || 本条内容)，见 audit.chain",
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
        """Appends the entry, linked to the last one: the chain head is locked (``SELECT … FOR UPDATE``), so
        concurrent writers take turns, and moved on in the same transaction."""
        if not self._state.adding:
            raise AppendOnly()
        kwargs["force_insert"] = True
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            head = AuditChainHead.locked(using)
            self.hash = link(head.last_hash, self.chain_values())
            super().save(*args, **kwargs)
            head.advance(using, self.pk, self.hash)

    def delete(self, *args, **kwargs):
        raise AppendOnly()

    def chain_values(self) -> dict:
        """The fields the chain hash covers (``audit.chain.FIELDS``)."""
        return {name: getattr(self, name) for name in FIELDS}


class AuditObject(models.Model):
    """An object an entry covers besides its own (``object_type``/``object_id``): the search index of an entry
    that records one change to many objects at once (the tick's raised warnings, ``alert.raise_batch``), so
    that the log filtered by an object, or an object's history, finds it. The entry itself, hashed into the
    chain, lists the same ids in its text; these rows only find it (``audit.services.about``)."""

    pk = models.CompositePrimaryKey("object_type", "object_id", "event_id")
    object_type = models.CharField("对象类型", max_length=64)
    object_id = models.CharField("对象编号", max_length=64)
    event_id = models.BigIntegerField("审计事件编号")  # no foreign key: one index, and the log outlives it

    class Meta:
        verbose_name = "审计事件所涉对象"
        verbose_name_plural = "审计事件所涉对象"

    def __str__(self) -> str:
        return f"{self.object_type} #{self.object_id} → {self.event_id}"


class AuditChainHead(models.Model):
    """The one row naming the last entry of the chain: the lock writers queue on, and a check on the tail."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_id = models.BigIntegerField("最后一条", null=True, blank=True)
    last_hash = models.CharField("最后一条的哈希", max_length=64, default=GENESIS)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"
        constraints = (models.CheckConstraint(condition=models.Q(id=1), name="audit_chain_head_single"),)

    def __str__(self) -> str:
        return f"#{self.last_id} {self.last_hash}"

    @classmethod
    def locked(cls, using: str) -> AuditChainHead:
        rows = cls.objects.using(using).select_for_update()
        head = rows.filter(pk=1).first()
        if head is None:  # a fresh (or flushed) database
            cls.objects.using(using).bulk_create([cls(pk=1)], ignore_conflicts=True)
            head = rows.get(pk=1)
        return head

    def advance(self, using: str, event_id: int, event_hash: str) -> None:
        type(self).objects.using(using).filter(pk=1).update(last_id=event_id, last_hash=event_hash)
        self.last_id, self.last_hash = event_id, event_hash


class AuditAnchor(models.Model):
    """A signed anchor (签名锚点): the id and hash of one entry with their HMAC-SM3 under the keyring's key,
    written by ``taizhang tick`` (after a good verification) and by an archive (where the kept chain starts).
    Entries up to the last anchor can be neither removed from the tail nor rewritten without the key."""

    class Kind(models.TextChoices):
        TICK = "tick", "定期锚点"
        ARCHIVE = "archive", "归档起点"

    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    event_id = models.BigIntegerField("审计事件编号")
    event_hash = models.CharField("审计事件哈希", max_length=64)
    at = models.DateTimeField("时间", default=timezone.now)
    key_id = models.CharField("密钥标识", max_length=32)
    mac = models.CharField("HMAC-SM3", max_length=64)

    class Meta:
        verbose_name = "审计锚点"
        verbose_name_plural = "审计锚点"
        indexes = (models.Index(fields=["event_id"], name="audit_anchor_event_idx"),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.event_id}"
