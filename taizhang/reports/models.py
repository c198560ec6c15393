"""Progress reports (进展情况) on ledger lines, their review trail, and evidence files (佐证材料) — those of
supervision replies, findings and rectification items too."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from taizhang.lib.trail import Step, only_steps, reason_required


class ReviewState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    APPROVED = "approved", "单位已审核"
    ACCEPTED = "accepted", "已通过"
    RETURNED = "returned", "已退回"


# Every step a report may take: the unit submits, its head approves or returns, the office accepts or
# returns, a returned report is corrected and submitted again. The database refuses any other step.
REVIEW_STEPS: frozenset[tuple[str, str]] = frozenset(
    {
        (ReviewState.DRAFT, ReviewState.SUBMITTED),
        (ReviewState.SUBMITTED, ReviewState.APPROVED),
        (ReviewState.SUBMITTED, ReviewState.RETURNED),
        (ReviewState.APPROVED, ReviewState.ACCEPTED),
        (ReviewState.APPROVED, ReviewState.RETURNED),
        (ReviewState.RETURNED, ReviewState.SUBMITTED),
    }
)
EDITABLE_STATES = (ReviewState.DRAFT, ReviewState.RETURNED)


class ProgressReport(models.Model):
    """进展情况: what a unit reports on one ledger line for one reporting period."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未启动"
        IN_PROGRESS = "in_progress", "推进中"
        DONE = "done", "已完成"
        ONGOING = "ongoing", "长期坚持"
        OVERDUE = "overdue", "未按期完成"

    assignment = models.ForeignKey(
        "ledger.Assignment", on_delete=models.PROTECT, related_name="reports", verbose_name="责任分工"
    )
    period_start = models.DateField("周期开始")
    period_end = models.DateField("周期结束")
    period_label = models.CharField("报送周期", max_length=20, help_text="如“2021年3月”“2021年第一季度”")
    status = models.CharField("进展状态", max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    narrative = models.TextField("进展情况", blank=True)
    review_state = models.CharField(
        "审核状态", max_length=16, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    late = models.BooleanField("逾期报送", default=False)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "进展报送"
        verbose_name_plural = "进展报送"
        constraints = (
            models.UniqueConstraint(fields=["assignment", "period_start"], name="report_unique_period"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_ordered"
            ),
        )

    def __str__(self) -> str:
        return f"{self.assignment.unit} · {self.period_label}"


class ReportStep(Step):
    """One step of a report's review, kept for good: who moved it from which state to which, when, why."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="steps", verbose_name="报送"
    )
    from_state = models.CharField("原状态", max_length=16, choices=ReviewState.choices)
    to_state = models.CharField("新状态", max_length=16, choices=ReviewState.choices)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ("report", "at", "id")
        constraints = (
            only_steps(REVIEW_STEPS, name="reportstep_allowed"),
            reason_required(Q(to_state=ReviewState.RETURNED), name="reportstep_return_has_reason"),
        )


# The owner columns of Evidence, in the order of the one-owner check.
OWNER_FIELDS = (
    "report",
    "order_recipient",
    "finding",
    "rectification",
    "rectification_progress",
    "accountability_case",
    "regulation_version",
)


class Evidence(models.Model):
    """佐证材料: one uploaded file attached to exactly one owner.

    Owners are nullable foreign keys, one per kind (``OWNER_FIELDS``): a progress report, a unit's reply to a
    督办单, an inspection finding, a rectification item (its close-out application) or one of the item's
    progress entries. Real keys give integrity, PROTECT and plain joins for access checks, which a generic
    relation would not. The bytes are stored under their SHA-256 (lib.files), so a file attached twice is
    kept once."""

    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="进展报送",
    )
    order_recipient = models.ForeignKey(
        "supervision.OrderRecipient",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="督办回复",
    )
    finding = models.ForeignKey(
        "inspections.Finding",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="检查发现问题",
    )
    rectification = models.ForeignKey(
        "rectification.RectificationItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="整改事项",
    )
    rectification_progress = models.ForeignKey(
        "rectification.RectificationProgress",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="整改进展",
    )
    accountability_case = models.ForeignKey(
        "accountability.AccountabilityCase",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="问责案件",
    )
    regulation_version = models.ForeignKey(
        "rulemaking.RegulationVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="制度版本",
    )
    file = models.FileField("文件", max_length=200)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    original_name = models.CharField("原文件名", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        constraints = (
            # Exactly one owner: add each new owner column to OWNER_FIELDS.
            models.CheckConstraint(
                condition=Q.create(
                    [Q(**{f"{f}__isnull": f != owner for f in OWNER_FIELDS}) for owner in OWNER_FIELDS],
                    connector=Q.OR,
                ),
                name="evidence_one_owner",
            ),
        )

    def __str__(self) -> str:
        return self.original_name
