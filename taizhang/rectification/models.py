"""Rectification (反馈整改) with close-out (销号): items a unit must put right, their progress, and the
trail of every state change."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taizhang.files.models import Attachment
from taizhang.lib.trail import Step, only_steps, reason_required


class RectState(models.TextChoices):
    OPEN = "open", _("待整改")
    IN_PROGRESS = "in_progress", _("整改中")
    CLOSEOUT_REQUESTED = "closeout_requested", _("申请销号")
    CLOSED = "closed", _("已销号")


# Every step an item may take: the unit starts work and applies for close-out (it may apply at once); the
# office closes it (销号) or refuses, which sends it back to in progress with a reason.
RECT_STEPS: frozenset[tuple[str, str]] = frozenset(
    {
        (RectState.OPEN, RectState.IN_PROGRESS),
        (RectState.OPEN, RectState.CLOSEOUT_REQUESTED),
        (RectState.IN_PROGRESS, RectState.CLOSEOUT_REQUESTED),
        (RectState.CLOSEOUT_REQUESTED, RectState.CLOSED),
        (RectState.CLOSEOUT_REQUESTED, RectState.IN_PROGRESS),
        (RectState.CLOSED, RectState.IN_PROGRESS),
    }
)
# The refusal of a close-out: a step that needs a reason.
REFUSAL = (RectState.CLOSEOUT_REQUESTED, RectState.IN_PROGRESS)
# 反弹重开: a 回头看 found the problem back; the closed item is reopened (with the re-check's note as reason).
REOPEN = (RectState.CLOSED, RectState.IN_PROGRESS)


class RectificationItem(models.Model):
    """整改事项: what one unit must put right by a deadline, usually from an inspection finding. Files for the
    close-out application are ``RectificationFile.item``; the office's verification closes it (销号)."""

    finding = models.ForeignKey(
        "inspections.Finding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectifications",
        verbose_name="检查发现问题",
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="rectifications", verbose_name="整改责任单位"
    )
    task = models.ForeignKey(
        "plans.Task",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectifications",
        verbose_name="任务",
    )
    regulation = models.ForeignKey(
        "regulations.Regulation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectifications",
        verbose_name="制度",
    )
    title = models.CharField("整改事项", max_length=200)
    measures = models.TextField("整改措施", blank=True)
    deadline = models.DateField("整改时限")
    state = models.CharField("状态", max_length=20, choices=RectState.choices, default=RectState.OPEN)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="销号人",
    )
    verification_note = models.TextField("核查意见", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        ordering = ("deadline", "id")
        constraints = (
            models.CheckConstraint(
                condition=~Q(state=RectState.CLOSED) | Q(closed_at__isnull=False, closed_by__isnull=False),
                name="rectification_closed_has_verifier",
            ),
        )

    def __str__(self) -> str:
        return f"{self.unit} · {self.title}"


class RectificationStep(Step):
    """One step of an item, kept for good: who moved it from which state to which, when, why."""

    item = models.ForeignKey(
        RectificationItem, on_delete=models.CASCADE, related_name="steps", verbose_name="整改事项"
    )
    from_state = models.CharField("原状态", max_length=20, choices=RectState.choices)
    to_state = models.CharField("新状态", max_length=20, choices=RectState.choices)

    class Meta:
        verbose_name = "整改记录"
        verbose_name_plural = "整改记录"
        ordering = ("item", "at", "id")
        constraints = (
            only_steps(RECT_STEPS, name="rectificationstep_allowed"),
            reason_required(
                Q(from_state=REFUSAL[0], to_state=REFUSAL[1]), name="rectificationstep_refusal_has_reason"
            ),
            reason_required(
                Q(from_state=REOPEN[0], to_state=REOPEN[1]), name="rectificationstep_reopen_has_reason"
            ),
        )


class RectificationProgress(models.Model):
    """整改进展: what the unit reports it has done on an item. Its files are
    ``RectificationFile.progress``."""

    item = models.ForeignKey(
        RectificationItem, on_delete=models.CASCADE, related_name="progress", verbose_name="整改事项"
    )
    text = models.TextField("进展情况")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="填报人"
    )
    at = models.DateTimeField("填报时间", auto_now_add=True)

    class Meta:
        verbose_name = "整改进展"
        verbose_name_plural = "整改进展"
        ordering = ("item", "at", "id")
        constraints = (models.CheckConstraint(condition=~Q(text=""), name="rectificationprogress_has_text"),)

    def __str__(self) -> str:
        return f"{self.item} · {self.at:%Y-%m-%d}"


class RectificationFile(Attachment):
    """A file of an item's close-out application (``item``) or of one of its progress entries
    (``progress``): exactly one of the two. One table for both, so the item's download address names a
    file by one id whichever it belongs to."""

    item = models.ForeignKey(
        RectificationItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="整改事项",
    )
    progress = models.ForeignKey(
        RectificationProgress,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="整改进展",
    )

    class Meta:
        verbose_name = "整改佐证材料"
        verbose_name_plural = "整改佐证材料"
        constraints = (
            models.CheckConstraint(
                condition=Q(item__isnull=False, progress__isnull=True)
                | Q(item__isnull=True, progress__isnull=False),
                name="rectificationfile_one_owner",
            ),
        )


class LookBack(models.Model):
    """回头看批次: the office re-checks, a year or so on, a sample of its region's closed (销号) items and
    completed ledger lines. The sample is drawn once, reproducibly (``seed``), from what was closed or
    completed within ``closed_after``–``closed_before``; its entries are ``LookBackEntry``."""

    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="lookbacks", verbose_name="行政区划"
    )
    title = models.CharField("名称", max_length=200)
    closed_after = models.DateField("抽取起始日", null=True, blank=True, help_text="为空时不限")
    closed_before = models.DateField("抽取截止日", help_text="抽取此日及以前销号的事项、完成的任务")
    seed = models.PositiveIntegerField("随机种子", help_text="同一种子、同样数据，抽中的相同")
    by_hand = models.BooleanField("人工选取", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "回头看批次"
        verbose_name_plural = "回头看批次"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.title


class Recheck(models.TextChoices):
    PENDING = "", _("待复查")
    HELD = "held", _("未反弹")
    RELAPSED = "relapsed", _("反弹")


class LookBackEntry(models.Model):
    """回头看事项: one sampled closed item (``item``) or completed ledger line (``line``) — exactly one — and
    its re-check: date, checker, result, note. A relapse (反弹) reopens the item; a line's completion is
    what its reports say, so a line's relapse is recorded and listed."""

    lookback = models.ForeignKey(
        LookBack, on_delete=models.CASCADE, related_name="entries", verbose_name="批次"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    item = models.ForeignKey(
        RectificationItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lookbacks",
        verbose_name="整改事项",
    )
    line = models.ForeignKey(
        "ledger.Assignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lookbacks",
        verbose_name="责任分工",
    )
    result = models.CharField("复查结果", max_length=16, choices=Recheck.choices, blank=True, default="")
    checked_on = models.DateField("复查日期", null=True, blank=True)
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="复查人",
    )
    note = models.TextField("复查情况", blank=True)

    class Meta:
        verbose_name = "回头看事项"
        verbose_name_plural = "回头看事项"
        ordering = ("lookback", "unit__order", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(item__isnull=False, line__isnull=True) | Q(item__isnull=True, line__isnull=False),
                name="lookbackentry_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(result="") | Q(checked_on__isnull=False, checker__isnull=False),
                name="lookbackentry_checked_has_checker",
            ),
            models.CheckConstraint(
                condition=~Q(result=Recheck.RELAPSED) | ~Q(note=""), name="lookbackentry_relapse_has_note"
            ),
            models.UniqueConstraint(fields=["lookback", "item"], name="lookbackentry_unique_item"),
            models.UniqueConstraint(fields=["lookback", "line"], name="lookbackentry_unique_line"),
        )

    def __str__(self) -> str:
        return f"{self.lookback} · {self.item or self.line}"
