"""The plan (方案) as a tree: sections (章节) holding numbered tasks (任务), each with a stable key."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Plan(models.Model):
    """方案: the document that assigns tasks to units, imported from its .docx/.txt source."""

    class Level(models.TextChoices):
        NATIONAL = "national", "中央"
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        DISTRICT = "district", "县（区）级"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"
        ARCHIVED = "archived", "已归档"
        WITHDRAWN = "withdrawn", "已撤回"

    class Cadence(models.TextChoices):
        MONTH = "month", "按月"
        QUARTER = "quarter", "按季度"
        YEAR = "year", "按年"

    title = models.CharField("标题", max_length=200)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    issuer = models.CharField("发文机关", max_length=100, blank=True)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    region = models.ForeignKey(
        "units.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name="行政区划",
        help_text="中央层级的方案不属于任何区划",
    )
    period_start = models.PositiveSmallIntegerField("起始年份")
    period_end = models.PositiveSmallIntegerField("截止年份")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    report_cadence = models.CharField(
        "报送周期", max_length=16, choices=Cadence.choices, default=Cadence.QUARTER
    )
    source_name = models.CharField("原文件名", max_length=255, blank=True)
    source_sha256 = models.CharField("原文件 SHA-256", max_length=64, blank=True)
    source_file = models.FileField("原文件", max_length=200, blank=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")
    parent_plan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_plans",
        verbose_name="上级方案",
        help_text="本方案所落实的上级方案",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_reason = models.CharField("撤回理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "方案"
        verbose_name_plural = "方案"
        constraints = (
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="plan_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(level="national", region__isnull=True)
                | (~Q(level="national") & Q(region__isnull=False)),
                name="plan_region_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="plan_published_has_date"
            ),
            models.UniqueConstraint(
                fields=["doc_number"], condition=~Q(doc_number=""), name="plan_doc_number_unique"
            ),
        )

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """章节: a heading of the plan (一、… （一）… 1. …). ``order`` is its place in the document."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name="方案")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级章节",
    )
    number = models.CharField("序号", max_length=20, blank=True, help_text="原文所印，如“一”“（二）”")
    title = models.CharField("标题", max_length=300)
    order = models.PositiveIntegerField("顺序")

    class Meta:
        verbose_name = "章节"
        verbose_name_plural = "章节"
        ordering = ("plan", "order")
        constraints = (
            models.UniqueConstraint(fields=["plan", "order"], name="section_order_unique_in_plan"),
        )

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Task(models.Model):
    """任务: one numbered task of the plan. Printed numbers restart in each section, so ``key`` (the
    numbers of the section path and the task, e.g. ``二/（一）/1/（3）``) identifies it when a revised plan
    is imported again."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name="方案")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks", verbose_name="章节"
    )
    number = models.CharField("序号", max_length=20, blank=True, help_text="原文所印")
    order = models.PositiveIntegerField("顺序")
    key = models.CharField("稳定标识", max_length=100)
    text = models.TextField("任务内容")
    deadline_text = models.CharField("时限（原文）", max_length=100, blank=True)
    deadline_date = models.DateField("时限", null=True, blank=True, help_text="能从原文读出具体日期时填写")
    carries_out = models.ManyToManyField(
        "self",
        through="TaskLink",
        through_fields=("task", "upper"),
        symmetrical=False,
        blank=True,
        related_name="carried_out_by",
        verbose_name="落实的上级任务",
        help_text="本任务所落实的上级方案任务（可多项）",
    )
    # A task a revision removed (修订删除) stays, closed, with its lines and reports (plans.revisions).
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    closed_reason = models.CharField("关闭原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务"
        ordering = ("plan", "order")
        constraints = (
            models.UniqueConstraint(fields=["plan", "key"], name="task_key_unique_in_plan"),
            models.UniqueConstraint(fields=["plan", "order"], name="task_order_unique_in_plan"),
        )

    def __str__(self) -> str:
        return f"{self.number} {self.text[:40]}".strip()


class TaskLink(models.Model):
    """落实关系 (上下贯通): a task of a lower plan carries out a task of the plan above it. One task may carry
    out several upper tasks and an upper task is carried out by a task in each lower region. Suggested on
    import (text similarity, the upper document the preamble names), kept only once the office confirms."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="upper_links", verbose_name="任务")
    # PROTECT: an upper task that lower plans carry out is never deleted from under them.
    upper = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="lower_links", verbose_name="上级任务"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="确认人",
    )
    created_at = models.DateTimeField("确认时间", auto_now_add=True)

    class Meta:
        verbose_name = "落实关系"
        verbose_name_plural = "落实关系"
        constraints = (
            models.UniqueConstraint(fields=["task", "upper"], name="tasklink_unique"),
            models.CheckConstraint(condition=~Q(task=F("upper")), name="tasklink_not_self"),
        )

    def __str__(self) -> str:
        return f"{self.task_id} → {self.upper_id}"


class TaskRegulation(models.Model):
    """A regulation (制度) a task names as 《title》, and what the task does with it. ``regulation`` links
    the printed title to the register (regulations.Regulation) once someone matches it; the title stays as
    printed."""

    class Action(models.TextChoices):
        CREATE = "create", "制定"
        REVISE = "revise", "修订"
        IMPROVE = "improve", "完善"
        IMPLEMENT = "implement", "贯彻"
        MENTION = "mention", "涉及"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="regulations", verbose_name="任务")
    title = models.CharField("制度名称", max_length=200, help_text="不含书名号")
    action = models.CharField("要求", max_length=16, choices=Action.choices)
    regulation = models.ForeignKey(
        "regulations.Regulation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="task_links",
        verbose_name="对应制度",
        help_text="制度库中的对应条目；未匹配时为空",
    )

    class Meta:
        verbose_name = "任务涉及制度"
        verbose_name_plural = "任务涉及制度"
        constraints = (models.UniqueConstraint(fields=["task", "title"], name="taskregulation_unique"),)

    def __str__(self) -> str:
        return f"{self.get_action_display()}《{self.title}》"


class PlanVersion(models.Model):
    """方案版本: one version of a plan as imported — the first import (version 1, recorded when the first
    revision comes) and each revision applied since (``plans.revisions``), with its file and its changes."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions", verbose_name="方案")
    number = models.PositiveIntegerField("版本号")
    title = models.CharField("标题", max_length=200)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    source_name = models.CharField("原文件名", max_length=255, blank=True)
    source_sha256 = models.CharField("原文件 SHA-256", max_length=64, blank=True)
    source_file = models.FileField("原文件", max_length=200, blank=True)
    summary = models.JSONField("变化统计", default=dict, blank=True)
    changes = models.JSONField("变化明细", default=list, blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="导入人",
    )
    created_at = models.DateTimeField("导入时间")

    class Meta:
        verbose_name = "方案版本"
        verbose_name_plural = "方案版本"
        ordering = ("plan", "number")
        constraints = (models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique_number"),)

    def __str__(self) -> str:
        return f"{self.plan} 第{self.number}版"
