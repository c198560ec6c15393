"""Assessment (考核): versioned scoring standards (考核标准) as trees of indicators, the yearly assessment of
a set of units against one version, each unit's scores (computed, self-assessed 自评, assessor's) and the
frozen snapshot behind a published ranking."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Standard(models.Model):
    """考核标准: a named scoring standard of a region; its content lives in versions."""

    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="assessment_standards", verbose_name="行政区划"
    )
    name = models.CharField("名称", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "考核标准"
        verbose_name_plural = "考核标准"
        ordering = ("region", "name")
        constraints = (models.UniqueConstraint(fields=["region", "name"], name="standard_unique_name"),)

    def __str__(self) -> str:
        return self.name


class StandardVersion(models.Model):
    """考核标准版本: one edition of a standard's indicator tree. Editable while a draft; frozen once
    released, so an assessment that used it can always be recomputed the same way. A change is a new
    version (copied from the last one)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        RELEASED = "released", _("已启用")

    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="versions", verbose_name="考核标准"
    )
    number = models.PositiveIntegerField("版本号")
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT)
    note = models.CharField("修订说明", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    released_at = models.DateTimeField("启用时间", null=True, blank=True)
    # 牵头/配合: how much a lead (or sole, 负责) line and a cooperating line weigh in the metrics that count
    # lines (task completion, on time); frozen with the version like its indicators.
    lead_weight = models.DecimalField("牵头分工权重", max_digits=4, decimal_places=2, default=1)
    co_weight = models.DecimalField("配合分工权重", max_digits=4, decimal_places=2, default=1)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "考核标准版本"
        verbose_name_plural = "考核标准版本"
        ordering = ("standard", "-number")
        constraints = (
            models.UniqueConstraint(fields=["standard", "number"], name="standardversion_unique"),
            models.CheckConstraint(
                condition=Q(lead_weight__gt=0, co_weight__gte=0), name="standardversion_role_weights"
            ),
        )

    def __str__(self) -> str:
        return f"{self.standard.name} 第{self.number}版"


class Metric(models.TextChoices):
    """What an automatic indicator measures (assessment/metrics.py computes each). Rates score
    ``max_points × rate``; counts deduct ``params["per_item"]`` points an item, down to zero."""

    TASK_COMPLETION = "task_completion", _("任务完成率")
    ON_TIME = "on_time", _("按期完成率")
    REPORT_TIMELINESS = "report_timeliness", _("报送及时率")
    RETURNED_REPORTS = "returned_reports", _("报送退回次数")
    FINDINGS = "findings", _("检查发现问题")
    RECTIFICATION_ON_TIME = "rectification_on_time", _("整改按期销号率")
    ORDERS_ON_TIME = "orders_on_time", _("督办按期回复率")
    SATISFACTION = "satisfaction", _("满意度")
    # 回头看 and 配合评价 (issue 15 items 6 and 11)
    RELAPSES = "relapses", _("反弹次数")
    COOPERATION = "cooperation", _("配合评价得分")


class Indicator(models.Model):
    """考核指标: a node of a version's tree. A group adds up its children; a leaf is scored automatically
    from the data (``metric``) or by hand (self-assessment and assessor's score). ``weight`` multiplies a
    leaf's points in the total."""

    class Method(models.TextChoices):
        GROUP = "group", _("分类")
        AUTO = "auto", _("自动计分")
        MANUAL = "manual", _("人工评分")

    version = models.ForeignKey(
        StandardVersion, on_delete=models.CASCADE, related_name="indicators", verbose_name="标准版本"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级指标",
    )
    order = models.PositiveIntegerField("顺序", default=0)
    code = models.CharField("编号", max_length=20, help_text="如 1、1.2，版本内唯一，新版本沿用")
    name = models.CharField("指标名称", max_length=200)
    guidance = models.TextField("评分细则", blank=True)
    method = models.CharField("计分方式", max_length=16, choices=Method.choices)
    metric = models.CharField("自动计分依据", max_length=32, choices=Metric.choices, blank=True)
    params = models.JSONField("计分参数", default=dict, blank=True, help_text='如 {"per_item": 1}')
    max_points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    weight = models.DecimalField("权重", max_digits=5, decimal_places=2, default=1)

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ("version", "order")
        constraints = (
            models.UniqueConstraint(fields=["version", "code"], name="indicator_unique_code"),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="indicator_points_not_negative"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="indicator_weight_positive"),
            models.CheckConstraint(
                condition=(Q(method="auto") & ~Q(metric="")) | (~Q(method="auto") & Q(metric="")),
                name="indicator_metric_iff_auto",
            ),
        )

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Assessment(models.Model):
    """年度考核: one year's assessment of a set of units of a region against one standard version.
    draft (computed and recomputed, units self-assess, assessors score) → review (scores locked, the office
    checks) → pending (提交审批: a leader of the region approves, or returns it to review with a reason) →
    approved → published (snapshot frozen; ranks and grades given; the ranking visible to the units).
    Review or approved may go back to draft. Until published there are no ranks and no grades (评分中)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("评分中")
        REVIEW = "review", _("审核中")
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已审批")
        PUBLISHED = "published", _("已发布")

    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="assessments", verbose_name="行政区划"
    )
    year = models.PositiveSmallIntegerField("考核年度")
    title = models.CharField("名称", max_length=200)
    standard_version = models.ForeignKey(
        StandardVersion, on_delete=models.PROTECT, related_name="assessments", verbose_name="考核标准版本"
    )
    plans = models.ManyToManyField(
        "plans.Plan",
        blank=True,
        related_name="assessments",
        verbose_name="纳入考核的方案",
        help_text="为空时纳入本区划当年在执行的全部方案",
    )
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT)
    computed_at = models.DateTimeField("计算时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="提交审批人",
    )
    submitted_at = models.DateTimeField("提交审批时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审批领导",
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    return_reason = models.TextField("审批退回理由", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "年度考核"
        verbose_name_plural = "年度考核"
        ordering = ("-year", "region")
        constraints = (models.UniqueConstraint(fields=["region", "year", "title"], name="assessment_unique"),)

    def __str__(self) -> str:
        return self.title


class AssessedUnit(models.Model):
    """被考核单位: a unit in an assessment, with its total, rank and grade once computed and ranked."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="units", verbose_name="年度考核"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="assessments", verbose_name="单位"
    )
    total = models.DecimalField("总分", max_digits=8, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField("名次", null=True, blank=True, help_text="并列同名次")
    grade = models.CharField("等次", max_length=16, blank=True)
    self_submitted_at = models.DateTimeField("自评提交时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "被考核单位"
        verbose_name_plural = "被考核单位"
        ordering = ("assessment", "rank", "unit")
        constraints = (models.UniqueConstraint(fields=["assessment", "unit"], name="assessedunit_unique"),)

    def __str__(self) -> str:
        return f"{self.assessment} · {self.unit}"


class Grade(models.TextChoices):
    """等次; the thresholds are settings (TAIZHANG_ASSESSMENT_GRADES)."""

    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    FAIR = "fair", pgettext_lazy("assessment grade", "一般")  # not the 一般 of severity ("ordinary")
    POOR = "poor", _("较差")


class Score(models.Model):
    """得分: one unit's score on one leaf indicator. ``computed`` and ``measured`` (the counts behind it) come
    from the data; ``self_score`` from the unit's 自评; ``assessor_score`` from the office, which overrides
    the rest. Any score below the maximum carries its reason (扣分理由)."""

    assessed = models.ForeignKey(
        AssessedUnit, on_delete=models.CASCADE, related_name="scores", verbose_name="被考核单位"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="scores", verbose_name="指标"
    )
    computed = models.DecimalField("计算得分", max_digits=6, decimal_places=2, null=True, blank=True)
    measured = models.JSONField("计算依据", default=dict, blank=True)
    applies = models.BooleanField(
        "计入总分",
        default=True,
        help_text="无应考核事项的自动指标不计入，总分按适用指标折算（assessment.scoring）",
    )
    rule = models.CharField("适用规则", max_length=32, blank=True, help_text="assessment.scoring.RULES 的键")
    self_score = models.DecimalField("自评得分", max_digits=6, decimal_places=2, null=True, blank=True)
    self_reason = models.TextField("自评说明", blank=True)
    assessor_score = models.DecimalField("考核组评分", max_digits=6, decimal_places=2, null=True, blank=True)
    assessor_reason = models.TextField("扣分理由", blank=True)
    final = models.DecimalField("最终得分", max_digits=6, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="每次保存加一，用于防止并发覆盖")

    class Meta:
        verbose_name = "指标得分"
        verbose_name_plural = "指标得分"
        ordering = ("assessed", "indicator__order")
        constraints = (models.UniqueConstraint(fields=["assessed", "indicator"], name="score_unique"),)

    def __str__(self) -> str:
        return f"{self.assessed} · {self.indicator.code}"


class Snapshot(models.Model):
    """考核快照: the data and scores behind a published ranking, frozen at publication (JSON with its
    SHA-256), so the ranking can be shown and exported the same way whatever changes afterwards."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="snapshot", verbose_name="年度考核"
    )
    data = models.JSONField("快照数据")
    sha256 = models.CharField("SHA-256", max_length=64)
    seal = models.CharField(
        "完整性校验值", max_length=100, blank=True, help_text="HMAC-SM3，见 assessment.snapshot"
    )
    taken_at = models.DateTimeField("冻结时间", auto_now_add=True)

    class Meta:
        verbose_name = "考核快照"
        verbose_name_plural = "考核快照"

    def __str__(self) -> str:
        return f"{self.assessment} 快照"
