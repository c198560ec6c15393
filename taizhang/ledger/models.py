"""The ledger (台账): each unit's share of each task, as the unit decomposes it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_PERSONS = 20


def validate_person_names(value: object) -> None:
    """责任人 is a short list of distinct names."""
    if not isinstance(value, list) or not all(isinstance(name, str) and name.strip() for name in value):
        raise ValidationError("责任人应为姓名列表。")
    if len(value) > MAX_PERSONS or any(len(name) > 50 for name in value):
        raise ValidationError(f"责任人最多 {MAX_PERSONS} 人，每个姓名不超过 50 字。")
    if len(set(value)) != len(value):
        raise ValidationError("责任人不能重复。")


class Assignment(models.Model):
    """责任分工: one line of a unit's 台账, the unit's part in one task.

    Rows exist from import onwards so that the office can review who does what; units see them once the
    plan is published. ``version`` guards the unit's edits against each other (see lib.concurrency)."""

    class Role(models.TextChoices):
        LEAD = "lead", "牵头"
        COOPERATING = "cooperating", "配合"
        RESPONSIBLE = "responsible", "负责"

    task = models.ForeignKey(
        "plans.Task", on_delete=models.CASCADE, related_name="assignments", verbose_name="任务"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="assignments", verbose_name="单位"
    )
    role = models.CharField("职责", max_length=16, choices=Role.choices)
    from_wildcard = models.CharField(
        "来自泛称", max_length=50, blank=True, help_text="由“各单位”“各县区”等泛称展开时，记下原文"
    )
    responsible_leader = models.CharField("责任领导", max_length=50, blank=True)
    # A list of names on the row rather than a table: it is edited, versioned and audited with the rest of
    # the line, exported without a join, and names here need not be accounts.
    responsible_persons = models.JSONField(
        "责任人", default=list, blank=True, validators=[validate_person_names]
    )
    duty_requirements = models.TextField("履责要求", blank=True)
    work_standard = models.TextField("工作标准", blank=True)
    deadline = models.DateField("完成时限", null=True, blank=True)
    # Derived: the status of the line's latest accepted report (by period), "" before one is accepted. Kept
    # on the row so that lists, filters and the dashboard's counts read a column instead of a subquery per
    # line; written only by ``reports.latest.latest_accepted_refresh`` (see docs/decisions.md).
    latest_accepted_status = models.CharField(
        "最新通过的进展状态", max_length=16, blank=True, default="", editable=False
    )
    # Closed (已关闭) when a revision removes its task or its unit, or the plan is withdrawn: kept, with its
    # decomposition and reports, readable and no longer edited (plans.revisions, plans.services).
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    closed_reason = models.CharField("关闭原因", max_length=200, blank=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "责任分工"
        verbose_name_plural = "责任分工"
        constraints = (models.UniqueConstraint(fields=["task", "unit"], name="assignment_unique_task_unit"),)

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_role_display()} · {self.task}"


class Milestone(models.Model):
    """进度目标: a dated step of an assignment. Rows, not a list, because warnings query them by date."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="milestones", verbose_name="责任分工"
    )
    title = models.CharField("目标", max_length=200)
    due_date = models.DateField("计划完成")
    done_date = models.DateField("实际完成", null=True, blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "进度目标"
        verbose_name_plural = "进度目标"
        ordering = ("assignment", "order", "due_date")

    def __str__(self) -> str:
        return f"{self.title}（{self.due_date:%Y-%m-%d}）"


class CooperationRating(models.Model):
    """配合评价: the lead unit's rating (1–5) of one cooperating unit's part in the task it leads, once a
    year (``year``); it feeds the co-unit's 配合评价得分 in that year's assessment."""

    line = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="cooperation_ratings", verbose_name="配合分工"
    )
    year = models.PositiveSmallIntegerField("评价年度")
    rating = models.PositiveSmallIntegerField(
        "评价", choices=[(5, _("好")), (4, _("较好")), (3, _("一般")), (2, _("较差")), (1, _("差"))]
    )
    note = models.CharField("评价说明", max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="评价人"
    )
    at = models.DateTimeField("评价时间", auto_now=True)

    class Meta:
        verbose_name = "配合评价"
        verbose_name_plural = "配合评价"
        ordering = ("line", "-year")
        constraints = (
            models.UniqueConstraint(fields=["line", "year"], name="cooperationrating_once_a_year"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="cooperationrating_one_to_five"
            ),
        )

    def __str__(self) -> str:
        return f"{self.line} · {self.year} · {self.rating}"


class TaskProgress(models.Model):
    """任务进展快照: a task's lines, how many are complete and how many 逾期 (``ledger.lights``), as the tick
    (``ledger.progress_snapshot``) last counted them, so an upper plan's 落实情况 sums a province's covering
    tasks instead of judging each of their lines' light on each request."""

    task = models.OneToOneField(
        "plans.Task", on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name="任务"
    )
    lines = models.PositiveIntegerField("台账条目", default=0)
    completed = models.PositiveIntegerField("已完成", default=0)
    overdue = models.PositiveIntegerField("逾期", default=0)
    computed_at = models.DateTimeField("截至")

    class Meta:
        verbose_name = "任务进展快照"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.task_id}: {self.completed}/{self.lines}"


class SnapshotMark(models.Model):
    """How far a snapshot (任务进展, 地区汇总 of a year) has read the audit log: the next tick recounts only
    what the events after ``through_event`` touched, and everything when ``day`` is not today (lights and
    逾期 move with the date). Written by ``ledger.changes`` users only."""

    name = models.CharField("快照", max_length=40, primary_key=True)
    through_event = models.BigIntegerField("已读至审计记录", default=0)
    day = models.DateField("计算日期")

    class Meta:
        verbose_name = "快照进度"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.name}: {self.through_event} ({self.day})"
