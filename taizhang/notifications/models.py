"""Notifications (消息提醒): every message to a user (reminders 催办, escalations, information), kept for
good, and its delivery on each channel (in-app inbox, e-mail, group robot webhook), every attempt logged."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message to one user. ``dedup_key`` names the occasion (e.g. ``order:12:unit:5:before:2025-06-27``);
    it is unique, so a command that runs twice, or two workers at once, cannot make the same message twice.

    ``about`` is a generic relation on purpose: a message may be about an order reply, a rectification item,
    a circular or a ledger line, and nothing joins through it for access — the message itself belongs to its
    recipient, and ``link`` leads to a page whose selector checks access as always. (Evidence, which *is*
    read through its owner, has real foreign keys instead.)"""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("催办")
        ESCALATION = "escalation", _("升级督办")
        INFO = "info", _("通知")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name="接收人",
    )
    kind = models.CharField("类别", max_length=16, choices=Kind.choices, default=Kind.INFO)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField(
        "链接", max_length=300, blank=True, help_text="站内路径，如 /supervision/orders/12/"
    )
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="关于（类型）",
    )
    about_id = models.PositiveBigIntegerField("关于（编号）", null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    dedup_key = models.CharField("去重键", max_length=200, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息"
        ordering = ("-created_at", "-id")
        indexes = (
            models.Index(fields=["recipient", "read_at"], name="notification_inbox"),
            models.Index(fields=["about_type", "about_id"], name="notification_about"),
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(about_type__isnull=True, about_id__isnull=True)
                | Q(about_type__isnull=False, about_id__isnull=False),
                name="notification_about_complete",
            ),
        )

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """A notification on one channel. One row per notification and channel, so it is sent at most once;
    a failed one is retried by the sending command, each try logged as a DeliveryAttempt.

    A runner takes a delivery by moving it to ``sending`` (发送中) under its own name (``claimed_by``) until
    ``lease_until``; nobody else touches it before then. A delivery still ``sending`` after its lease had
    a runner that stopped mid-send: it is marked failed and tried again (``notifications.dispatch``)."""

    class Channel(models.TextChoices):
        INBOX = "inbox", _("站内消息")
        EMAIL = "email", _("电子邮件")
        WEBHOOK = "webhook", _("群机器人")

    class State(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries", verbose_name="消息"
    )
    channel = models.CharField("渠道", max_length=16, choices=Channel.choices)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.TextField("最近错误", blank=True)
    last_attempt_at = models.DateTimeField("最近尝试", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    claimed_by = models.CharField("发送进程", max_length=100, blank=True)
    lease_until = models.DateTimeField("占用至", null=True, blank=True)

    class Meta:
        verbose_name = "消息投递"
        verbose_name_plural = "消息投递"
        indexes = (models.Index(fields=["state", "channel"], name="delivery_queue"),)
        constraints = (
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_unique_channel"),
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False), name="delivery_sent_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(state="sending") | Q(lease_until__isnull=False),
                name="delivery_sending_has_lease",
            ),
        )

    def __str__(self) -> str:
        return f"{self.notification} · {self.get_channel_display()}"


class DeliveryAttempt(models.Model):
    """One try at sending a delivery: when, whether it worked, and the error if not."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="tries", verbose_name="投递"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    ok = models.BooleanField("成功")
    error = models.TextField("错误", blank=True)

    class Meta:
        verbose_name = "投递尝试"
        verbose_name_plural = "投递尝试"
        ordering = ("delivery", "at", "id")

    def __str__(self) -> str:
        return f"{self.delivery} · {'成功' if self.ok else '失败'}"
