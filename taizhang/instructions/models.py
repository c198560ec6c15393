"""领导批示 and 关注: what a leader wrote on which item, the units it reaches and their answers; who follows
which item and how far they have been told and have read its changes.

The item (task, order, finding or report) is one of four explicit foreign keys, exactly one set (a database
check), not a generic relation: each is read through its own app's selector, so who may see an instruction
or a follow stays checkable."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TARGETS = ("task", "order", "finding", "report")


def _one_target(name: str) -> models.CheckConstraint:
    """Exactly one of the four targets is set."""
    alone = [Q(**{f"{t}__isnull": t != chosen for t in TARGETS}) for chosen in TARGETS]
    return models.CheckConstraint(condition=Q.create(alone, connector=Q.OR), name=name)


class Targeted(models.Model):
    """The item an instruction or a follow is about: one of four."""

    task = models.ForeignKey(
        "plans.Task", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="任务"
    )
    order = models.ForeignKey(
        "supervision.SupervisionOrder",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="督办单",
    )
    finding = models.ForeignKey(
        "inspections.Finding",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="检查发现问题",
    )
    report = models.ForeignKey(
        "reports.ProgressReport",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="进展报送",
    )

    class Meta:
        abstract = True

    @property
    def target_kind(self) -> str:
        return next(t for t in TARGETS if getattr(self, f"{t}_id") is not None)

    @property
    def target(self) -> models.Model:
        return getattr(self, self.target_kind)


class Instruction(Targeted):
    """批示: a leader's words on one item, for the units it reaches (one ``InstructionReply`` each)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="批示领导"
    )
    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    text = models.TextField("批示内容")
    due_date = models.DateField("答复期限", null=True, blank=True)
    created_at = models.DateTimeField("批示时间", auto_now_add=True)

    class Meta:
        verbose_name = "领导批示"
        verbose_name_plural = "领导批示"
        ordering = ("-created_at", "-id")
        constraints = (_one_target("instruction_one_target"),)

    def __str__(self) -> str:
        return self.text[:40]


class ReplyState(models.TextChoices):
    PENDING = "pending", _("待答复")
    REPLIED = "replied", _("已答复")


class InstructionReply(models.Model):
    """One unit's answer to an instruction (答复), written by its liaison or head, as an order's reply is."""

    instruction = models.ForeignKey(
        Instruction, on_delete=models.CASCADE, related_name="replies", verbose_name="领导批示"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    state = models.CharField("状态", max_length=16, choices=ReplyState.choices, default=ReplyState.PENDING)
    text = models.TextField("答复内容", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="答复人",
    )
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        verbose_name = "批示答复"
        verbose_name_plural = "批示答复"
        ordering = ("instruction", "unit__order", "unit_id")
        constraints = (
            models.UniqueConstraint(fields=["instruction", "unit"], name="instructionreply_unique_unit"),
            models.CheckConstraint(
                condition=Q(state="pending")
                | Q(replied_at__isnull=False, replied_by__isnull=False) & ~Q(text=""),
                name="instructionreply_replied_complete",
            ),
        )

    def __str__(self) -> str:
        return f"{self.instruction} · {self.unit}"


class Follow(Targeted):
    """关注: ``user`` follows one item. ``told_through`` is the last audit event about the item the follower
    has been told of (``follows.follow_news``), ``seen_through`` the last one they marked as read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="关注人"
    )
    created_at = models.DateTimeField("关注时间", auto_now_add=True)
    told_through = models.BigIntegerField("已告知至", default=0, help_text="审计事件编号")
    seen_through = models.BigIntegerField("已阅至", default=0, help_text="审计事件编号")

    class Meta:
        verbose_name = "关注"
        verbose_name_plural = "关注"
        ordering = ("-created_at", "-id")
        constraints = (
            _one_target("follow_one_target"),
            *(
                models.UniqueConstraint(
                    fields=["user", t], condition=Q(**{f"{t}__isnull": False}), name=f"follow_unique_{t}"
                )
                for t in TARGETS
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.target}"
