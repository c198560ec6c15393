"""Supervision (督办): orders to units and their replies, the reasons units give for lines not started or
overdue, and each unit's key regulations of the year. Inspections and their findings are their own app
(``taizhang.inspections``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taizhang.files.models import Attachment
from taizhang.lib.trail import Step, only_steps, reason_required


class SupervisionOrder(models.Model):
    """督办单: the office asks one or more units to act on tasks or a topic by a deadline."""

    class Priority(models.TextChoices):
        NORMAL = "normal", _("一般")
        IMPORTANT = "important", _("重要")
        URGENT = "urgent", _("紧急")

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        ISSUED = "issued", _("已下发")
        CLOSED = "closed", _("已办结")

    issuer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="督办人"
    )
    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="supervision_orders", verbose_name="行政区划"
    )
    title = models.CharField("标题", max_length=200)
    requirement = models.TextField("督办要求")
    deadline = models.DateField("办理时限")
    priority = models.CharField("缓急程度", max_length=16, choices=Priority.choices, default=Priority.NORMAL)
    topic = models.CharField("督办事项", max_length=200, blank=True, help_text="不针对具体任务时填写")
    tasks = models.ManyToManyField(
        "plans.Task", blank=True, related_name="supervision_orders", verbose_name="督办任务"
    )
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    issued_at = models.DateTimeField("下发时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "督办单"
        verbose_name_plural = "督办单"
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(state="draft") | Q(issued_at__isnull=False), name="order_issued_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(state="closed") | Q(closed_at__isnull=False), name="order_closed_has_date"
            ),
        )

    def __str__(self) -> str:
        return self.title


class RecipientState(models.TextChoices):
    PENDING = "pending", _("待回复")
    REPLIED = "replied", _("已回复")
    ACCEPTED = "accepted", _("已采纳")
    RETURNED = "returned", _("已退回")
    OVERDUE = "overdue", _("逾期")


# Every step a recipient's reply may take: the unit replies (late replies too), the office accepts or
# returns it, a returned reply is replied again; the reminder command marks unanswered ones overdue.
ORDER_STEPS: frozenset[tuple[str, str]] = frozenset(
    {
        (RecipientState.PENDING, RecipientState.REPLIED),
        (RecipientState.PENDING, RecipientState.OVERDUE),
        (RecipientState.OVERDUE, RecipientState.REPLIED),
        (RecipientState.REPLIED, RecipientState.ACCEPTED),
        (RecipientState.REPLIED, RecipientState.RETURNED),
        (RecipientState.RETURNED, RecipientState.REPLIED),
        (RecipientState.RETURNED, RecipientState.OVERDUE),
    }
)
REPLY_EDITABLE_STATES = (RecipientState.PENDING, RecipientState.RETURNED, RecipientState.OVERDUE)


class OrderRecipient(models.Model):
    """One unit's part in a 督办单: its reply (text here, files as ``OrderReplyFile``) and state."""

    order = models.ForeignKey(
        SupervisionOrder, on_delete=models.CASCADE, related_name="recipients", verbose_name="督办单"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="supervision_replies", verbose_name="承办单位"
    )
    state = models.CharField(
        "办理状态", max_length=16, choices=RecipientState.choices, default=RecipientState.PENDING
    )
    reply_text = models.TextField("办理情况", blank=True)
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="回复人",
    )
    accepted_at = models.DateTimeField("采纳时间", null=True, blank=True)
    return_reason = models.TextField(
        "退回理由", blank=True, help_text="最近一次退回的理由；每次均记入办理记录"
    )
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "督办承办单位"
        verbose_name_plural = "督办承办单位"
        ordering = ("order", "unit__order")
        constraints = (
            models.UniqueConstraint(fields=["order", "unit"], name="orderrecipient_unique_unit"),
            models.CheckConstraint(
                condition=~Q(state__in=["replied", "accepted"]) | Q(replied_at__isnull=False),
                name="orderrecipient_replied_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state="accepted") | Q(accepted_at__isnull=False),
                name="orderrecipient_accepted_has_date",
            ),
        )

    def __str__(self) -> str:
        return f"{self.order} · {self.unit}"


class OrderReplyFile(Attachment):
    """A file of one unit's reply to a 督办单 (its 佐证材料)."""

    recipient = models.ForeignKey(
        OrderRecipient, on_delete=models.CASCADE, related_name="evidence", verbose_name="督办回复"
    )

    class Meta:
        verbose_name = "督办回复佐证材料"
        verbose_name_plural = "督办回复佐证材料"


class OrderStep(Step):
    """One step of a recipient's reply, kept for good. ``actor`` is empty only when the reminder command
    marked it overdue."""

    recipient = models.ForeignKey(
        OrderRecipient, on_delete=models.CASCADE, related_name="steps", verbose_name="承办单位"
    )
    from_state = models.CharField("原状态", max_length=16, choices=RecipientState.choices)
    to_state = models.CharField("新状态", max_length=16, choices=RecipientState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )

    class Meta:
        verbose_name = "督办办理记录"
        verbose_name_plural = "督办办理记录"
        ordering = ("recipient", "at", "id")
        constraints = (
            only_steps(ORDER_STEPS, name="orderstep_allowed"),
            reason_required(Q(to_state=RecipientState.RETURNED), name="orderstep_return_has_reason"),
            models.CheckConstraint(
                condition=Q(actor__isnull=False) | Q(to_state=RecipientState.OVERDUE),
                name="orderstep_actor_unless_overdue",
            ),
        )


class AssignmentExplanation(models.Model):
    """说明原因 (问原因, 责令说明原因): why a ledger line is behind, as its unit states it — the one
    store of a line's explanation, whether the unit was asked on the 看查问 page or by a warning on the
    line. One explanation per line and reporting period (``as_of``, the start of the plan's period the
    day it was given): the latest statement for the period is the current one, earlier ones are kept."""

    class Situation(models.TextChoices):
        NOT_STARTED = "not_started", _("未启动")
        OVERDUE = "overdue", _("逾期未完成")
        WARNING = "warning", _("预警")  # asked by a warning while the line is in progress

    assignment = models.ForeignKey(
        "ledger.Assignment", on_delete=models.PROTECT, related_name="explanations", verbose_name="责任分工"
    )
    situation = models.CharField("情形", max_length=16, choices=Situation.choices)
    as_of = models.DateField("报送周期", help_text="所说明的报送周期的开始日")
    reason = models.TextField("原因")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="说明人"
    )
    given_at = models.DateTimeField("说明时间", auto_now_add=True)

    class Meta:
        verbose_name = "原因说明"
        verbose_name_plural = "原因说明"
        ordering = ("assignment", "-as_of", "-given_at", "-id")
        constraints = (models.CheckConstraint(condition=~Q(reason=""), name="explanation_has_reason"),)

    def __str__(self) -> str:
        return f"{self.assignment} · {self.as_of:%Y-%m-%d}"


class KeyRegulation(models.Model):
    """重点制度: a regulation a responsible unit names as one of its key regulations for a year
    (TAIZHANG_KEY_REGULATIONS_MIN to _MAX of them — a service rule)."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="key_regulations", verbose_name="责任单位"
    )
    year = models.PositiveSmallIntegerField("年度")
    regulation = models.ForeignKey(
        "regulations.Regulation", on_delete=models.PROTECT, related_name="key_for", verbose_name="制度"
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="填报人"
    )
    named_at = models.DateTimeField("填报时间", auto_now_add=True)

    class Meta:
        verbose_name = "重点制度"
        verbose_name_plural = "重点制度"
        ordering = ("unit", "-year", "id")
        constraints = (
            models.UniqueConstraint(fields=["unit", "year", "regulation"], name="keyregulation_unique"),
        )

    def __str__(self) -> str:
        return f"{self.unit} · {self.year} · {self.regulation}"
