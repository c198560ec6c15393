"""民主测评: a survey of units for a year, its one-time rater codes (kept only as digests) and the tallies.

A vote is not a row: casting a ballot marks its code used and adds one to the (survey, unit, grade) tally,
so nothing ties a grade to a code or to a time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Scale(models.TextChoices):
    """The grade options. The first two grades of each count as favourable (满意率)."""

    SATISFACTION = "satisfaction", _("满意、基本满意、不满意")
    FOUR_GRADES = "four_grades", _("好、较好、一般、差")


GRADES: dict[str, list[tuple[str, object]]] = {
    Scale.SATISFACTION: [("satisfied", _("满意")), ("fair", _("基本满意")), ("unsatisfied", _("不满意"))],
    Scale.FOUR_GRADES: [
        ("good", _("好")),
        ("fairly_good", _("较好")),
        ("average", pgettext_lazy("assessment grade", "一般")),
        ("poor", _("差")),
    ],
}
FAVOURABLE = 2  # the first grades of a scale counted favourable


class Survey(models.Model):
    """测评: opened by the office of ``region`` for ``units`` in ``year``. ``quota_percent``: at most that
    share of one rater's grades may be the top grade (0: no quota)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("准备中")
        OPEN = "open", _("测评中")
        CLOSED = "closed", _("已结束")

    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    year = models.PositiveIntegerField("年度")
    title = models.CharField("测评名称", max_length=200)
    scale = models.CharField("评价等次", max_length=16, choices=Scale.choices, default=Scale.SATISFACTION)
    quota_percent = models.PositiveSmallIntegerField("最高等次比例上限（%）", default=0)
    units = models.ManyToManyField("units.Unit", related_name="+", verbose_name="被测评单位")
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "民主测评"
        verbose_name_plural = "民主测评"
        ordering = ("-year", "-pk")
        constraints = (
            models.CheckConstraint(condition=Q(quota_percent__lte=100), name="survey_quota_percent"),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def grades(self) -> list[tuple[str, object]]:
        return GRADES[self.scale]


class RaterCode(models.Model):
    """测评码: one rater's one-time code, stored as its SM3 digest (the clear code is shown once, in the
    .xlsx issued). ``used`` only: no time, so the tallies cannot be matched to a code by when."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="codes", verbose_name="民主测评"
    )
    digest = models.CharField("摘要", max_length=64, unique=True)
    used = models.BooleanField("已使用", default=False)

    class Meta:
        verbose_name = "测评码"
        verbose_name_plural = "测评码"

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.digest[:8]}"


class Tally(models.Model):
    """计票: how many raters gave ``unit`` ``grade`` in ``survey``."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="tallies", verbose_name="民主测评"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    grade = models.CharField("等次", max_length=16)
    votes = models.PositiveIntegerField("票数", default=0)

    class Meta:
        verbose_name = "测评计票"
        verbose_name_plural = "测评计票"
        constraints = (models.UniqueConstraint(fields=["survey", "unit", "grade"], name="tally_unique"),)

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.unit_id}:{self.grade}={self.votes}"
