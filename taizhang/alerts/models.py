"""Warnings (预警): what the rules (alerts/rules.py) raise per unit and ledger line from the data, what each
level requires of the unit and the office, and the admonition talks (谈话提醒) held for them.

The app is called ``alerts`` and the model ``Alert`` so that neither shadows Python's ``warnings``."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taizhang.lib.fields import EncryptedCharField, EncryptedTextField, row_key_field


class Level(models.TextChoices):
    NOTICE = "notice", _("提示")
    YELLOW = "yellow", _("黄色预警")
    RED = "red", _("红色预警")


class Required(models.TextChoices):
    """What a warning asks for; each level's requirement is a setting (TAIZHANG_ALERT_REQUIRES)."""

    NONE = "none", _("关注")
    EXPLAIN = "explain", _("责令说明原因")
    TALK = "talk", _("谈话提醒")
    CASE = "case", _("问责")


def alert_repr(level: str, summary: str) -> str:
    """What ``str(alert)`` gives (the audit log's object text), also for a warning not built as an instance
    (``alerts.refresh`` writes its raises as rows). Not ``get_level_display``: it rebuilds a dict."""
    return f"{Level(level).label} · {summary}"


class Alert(models.Model):
    """预警: one rule raised by one subject (a milestone, a line, an order reply, a rectification item) of one
    unit. ``evidence`` is the data that raised it, refreshed while it is open. It closes by itself when the
    data no longer raises it, or by an office decision with a reason. At most one open alert per rule and
    subject (``key``)."""

    class State(models.TextChoices):
        OPEN = "open", _("未解除")
        CLOSED = "closed", _("已解除")

    class ClosedHow(models.TextChoices):
        CLEARED = "cleared", _("数据已恢复")
        DECIDED = "decided", _("惩防办决定解除")

    rule = models.CharField("预警规则", max_length=40)
    key = models.CharField("预警对象", max_length=100, help_text="规则内唯一，如 milestone:12")
    # No index of their own for the region and unit: alert_region_state_level and alert_unit_state lead with
    # them (every index is written by each of a province's ~55,000 first raises).
    region = models.ForeignKey(
        "units.Region",
        on_delete=models.PROTECT,
        related_name="alerts",
        verbose_name="行政区划",
        db_index=False,
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="alerts", verbose_name="单位", db_index=False
    )
    assignment = models.ForeignKey(
        "ledger.Assignment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
        verbose_name="台账条目",
    )
    level = models.CharField("预警等级", max_length=16, choices=Level.choices)
    required = models.CharField("处置要求", max_length=16, choices=Required.choices, default=Required.NONE)
    summary = models.CharField("预警内容", max_length=300)
    evidence = models.JSONField("触发数据", default=dict)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.OPEN)
    told_level = models.CharField(
        "已告知等级",
        max_length=16,
        blank=True,
        help_text="单位已被告知的最高等级：回落后再升回这一等级不再重复告知",
    )
    raised_at = models.DateTimeField("预警时间")
    refreshed_at = models.DateTimeField("最近核对时间")
    explanation = models.TextField("原因说明", blank=True)
    explained_at = models.DateTimeField("说明时间", null=True, blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="说明人",
        db_index=False,  # nothing looks warnings up by who explained or closed them (users are not deleted)
    )
    closed_at = models.DateTimeField("解除时间", null=True, blank=True)
    closed_how = models.CharField("解除方式", max_length=16, choices=ClosedHow.choices, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="解除人",
        db_index=False,
    )
    close_reason = models.TextField("解除理由", blank=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "预警"
        verbose_name_plural = "预警"
        ordering = ("-raised_at",)
        constraints = (
            models.UniqueConstraint(
                fields=["rule", "key"], condition=Q(state="open"), name="alert_one_open_per_subject"
            ),
            models.CheckConstraint(
                condition=Q(state="open", closed_at__isnull=True)
                | Q(state="closed", closed_at__isnull=False) & ~Q(closed_how=""),
                name="alert_closed_has_when_and_how",
            ),
        )
        indexes = (
            models.Index(fields=["unit", "state"], name="alert_unit_state"),
            models.Index(fields=["region", "state", "level"], name="alert_region_state_level"),
        )

    def __str__(self) -> str:
        return alert_repr(self.level, self.summary)


class AdmonitionTalk(models.Model):
    """谈话提醒: an admonition talk held with a unit's leader — who talked with whom, when, and the notes."""

    alert = models.ForeignKey(
        Alert, on_delete=models.PROTECT, null=True, blank=True, related_name="talks", verbose_name="预警"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="talks", verbose_name="谈话单位"
    )
    # Whom the talk was with and what was said are kept encrypted (SM4-GCM, lib.fields).
    talked_with = EncryptedCharField("谈话对象", max_length=100, help_text="姓名及职务")
    held_by = models.CharField("谈话人", max_length=100, help_text="姓名及职务")
    held_on = models.DateField("谈话日期")
    notes = EncryptedTextField("谈话记录")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    row_key = row_key_field()

    class Meta:
        verbose_name = "谈话提醒"
        verbose_name_plural = "谈话提醒"
        ordering = ("-held_on",)

    def __str__(self) -> str:
        return f"{self.held_on} 谈话提醒"  # not whom: the name is encrypted, and this lands in the audit log


class RegionCheck(models.Model):
    """核对时间: when ``alerts_refresh`` last looked at every warning of a region (the tick, or 立即核对 for
    the office's regions). An open warning was checked at the later of this and its own ``refreshed_at`` (the
    last time a run changed it): one row a region per run, not an UPDATE of every open warning."""

    region = models.OneToOneField(
        "units.Region", on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name="行政区划"
    )
    checked_at = models.DateTimeField("最近核对时间")

    class Meta:
        verbose_name = "预警核对时间"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.region_id}: {self.checked_at}"
