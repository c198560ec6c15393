"""Inspections (明查暗访): an inspection of units, tasks and regulations, and the problems it found."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from taizhang.files.models import Attachment


class Inspection(models.Model):
    """督办检查: an inspection of units, tasks and regulations, led by a member of the leadership
    (班子成员带队). A covert visit (暗访) is seen by the office side of its region only (office admins,
    leaders, inspectors) until it is published. A re-inspection (再督查) points at the earlier inspection
    it re-checks, when there is one."""

    class Kind(models.TextChoices):
        ROUTINE = "routine", _("经常性督办")
        SURPRISE = "surprise", _("突击检查")
        CENSUS = "census", _("全面普查")
        SPOT = "spot", _("重点抽查")
        OPEN = "open", _("明查")
        COVERT = "covert", _("暗访")
        # 三查: the three checks of the office's own method (seed 003).
        FIELD = "field", _("重点领域经常性检查")
        POST = "post", _("重要岗位环节重点稽查")
        RISK = "risk", _("重点风险点及时排查")

    class State(models.TextChoices):
        PLANNED = "planned", _("计划中")
        IN_PROGRESS = "in_progress", _("检查中")
        DONE = "done", _("已完成")
        PUBLISHED = "published", _("已公开")

    kind = models.CharField("检查方式", max_length=16, choices=Kind.choices)
    title = models.CharField("名称", max_length=200)
    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="inspections", verbose_name="行政区划"
    )
    lead_leader_name = models.CharField("带队领导", max_length=50, blank=True)
    lead_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="带队领导（账号）",
        help_text="带队领导有系统账号时关联",
    )
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", null=True, blank=True)
    covert = models.BooleanField("暗访", default=False, help_text="公开前仅本地区惩防办、领导和督查员可见")
    reinspection = models.BooleanField("再督查", default=False)
    follows = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name="复查的检查",
        help_text="再督查所针对的前次检查",
    )
    units = models.ManyToManyField(
        "units.Unit", blank=True, related_name="inspections", verbose_name="被检查单位"
    )
    tasks = models.ManyToManyField(
        "plans.Task", blank=True, related_name="inspections", verbose_name="检查任务"
    )
    regulations = models.ManyToManyField(
        "regulations.Regulation", blank=True, related_name="inspections", verbose_name="检查制度"
    )
    risk_points = models.ManyToManyField(
        "inspections.RiskPoint",
        blank=True,
        related_name="inspections",
        verbose_name="排查的风险点",
        help_text="重点风险点及时排查所针对的风险点",
    )
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.PLANNED)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "督办检查"
        verbose_name_plural = "督办检查"
        ordering = ("-start_date", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="inspection_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(kind="covert") | Q(covert=True), name="inspection_covert_kind"
            ),
            models.CheckConstraint(
                condition=Q(follows__isnull=True) | Q(reinspection=True),
                name="inspection_follows_is_reinspection",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="inspection_published_has_date",
            ),
        )

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    """问题: something an inspection found at one unit, with the task and regulation it concerns. Files are
    ``Evidence.finding``; a finding becomes a rectification item (rectification.RectificationItem)."""

    class Severity(models.TextChoices):
        GENERAL = "general", _("一般")
        SERIOUS = "serious", _("较重")
        SEVERE = "severe", _("严重")

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="findings", verbose_name="督办检查"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="findings", verbose_name="单位"
    )
    task = models.ForeignKey(
        "plans.Task",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name="任务",
    )
    regulation = models.ForeignKey(
        "regulations.Regulation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name="制度",
    )
    severity = models.CharField("严重程度", max_length=16, choices=Severity.choices, default=Severity.GENERAL)
    description = models.TextField("问题描述")
    found_on = models.DateField("发现日期")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="记录人"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查发现问题"
        verbose_name_plural = "检查发现问题"
        ordering = ("inspection", "id")

    def __str__(self) -> str:
        return f"{self.unit} · {self.description[:40]}"


class FindingFile(Attachment):
    """A file recorded with a finding (现场照片, 检查记录 …)."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="evidence", verbose_name="检查发现问题"
    )

    class Meta:
        verbose_name = "问题佐证材料"
        verbose_name_plural = "问题佐证材料"


class RiskPoint(models.Model):
    """风险点: a risk a unit registers at one of its posts or steps (岗位/环节), its level and the measures
    that guard it. The unit's liaison (or head) registers it; the unit head confirms or returns it, as a
    unit's other submissions. Confirmed ones are what a 重点风险点及时排查 inspection checks."""

    class Level(models.TextChoices):
        HIGH = "high", _("高")
        MEDIUM = "medium", _("中")
        LOW = "low", _("低")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        APPROVED = "approved", _("已确认")
        RETURNED = "returned", _("已退回")

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="risk_points", verbose_name="单位"
    )
    post = models.CharField("岗位/环节", max_length=100)
    description = models.TextField("风险描述")
    level = models.CharField("风险等级", max_length=8, choices=Level.choices)
    measures = models.TextField("防控措施", blank=True)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.SUBMITTED)
    return_reason = models.TextField("退回理由", blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    registered_at = models.DateTimeField("登记时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "风险点"
        verbose_name_plural = "风险点"
        ordering = ("unit", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(state="submitted") | Q(decided_at__isnull=False),
                name="riskpoint_decided_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(return_reason=""), name="riskpoint_return_has_reason"
            ),
        )

    def __str__(self) -> str:
        return f"{self.unit} · {self.post}"
