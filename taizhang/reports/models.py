"""Progress reports (进展情况) on ledger lines, their review trail, and their evidence files (``ReportFile``;
the stored content and its checks are ``taizhang.files``)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from taizhang.files.models import Attachment
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
        # The review queue (审核, reports.queue): the office's, the reports in one state in period order,
        # counted and joined to their lines from the index alone; a unit head's, by the unit's lines.
        indexes = (
            models.Index(
                fields=["review_state", "period_start", "period_label", "assignment", "late", "period_end"],
                name="report_review_queue",
            ),
            models.Index(fields=["assignment", "review_state"], name="report_line_state"),
            # Covers what the lights and the dashboard read of a line's reports sent (their periods, state
            # and late mark) without visiting the rows: ledger.selectors.attach_sent, dashboard.reporting.
            models.Index(
                fields=["assignment", "period_start", "review_state", "late"], name="report_line_periods"
            ),
        )
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


class ReportFile(Attachment):
    """A report's evidence file (佐证材料 of a 进展报送)."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="evidence", verbose_name="进展报送"
    )

    class Meta:
        verbose_name = "报送佐证材料"
        verbose_name_plural = "报送佐证材料"


class Chase(models.Model):
    """催办: the office chases a unit by hand about one ledger line (its reports overdue, its work late) — a
    message to the unit's liaisons and heads, kept here as evidence of the chasing and counted on the line.
    One a line and day: a second press the same day (a double click, a retry) is refused, not sent twice."""

    assignment = models.ForeignKey(
        "ledger.Assignment", on_delete=models.PROTECT, related_name="chases", verbose_name="责任分工"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="催办人"
    )
    day = models.DateField("催办日期")
    overdue = models.CharField("逾期未报周期", max_length=300, blank=True)
    note = models.TextField("催办说明", blank=True)
    created_at = models.DateTimeField("催办时间", auto_now_add=True)

    class Meta:
        verbose_name = "催办记录"
        verbose_name_plural = "催办记录"
        ordering = ("-created_at", "-id")
        constraints = (models.UniqueConstraint(fields=["assignment", "day"], name="chase_once_a_day"),)

    def __str__(self) -> str:
        return f"{self.assignment.unit} · {self.day:%Y-%m-%d} 催办"
