"""地区汇总快照: the roll-up's figures of one unit for one year, as the tick last counted them
(``dashboard.rollup_snapshot``). Derived figures, not a record: the roll-up page sums these rows by region
instead of judging every line's light of a province's year on each request."""

from __future__ import annotations

from django.db import models

from taizhang.units.models import Unit


class UnitYearSummary(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name="单位")
    year = models.PositiveIntegerField("年度")
    computed_at = models.DateTimeField("截至")
    lines = models.PositiveIntegerField("台账条目", default=0)
    completed = models.PositiveIntegerField("已完成", default=0)
    overdue = models.PositiveIntegerField("逾期", default=0)
    green = models.PositiveIntegerField("绿灯", default=0)
    yellow = models.PositiveIntegerField("黄灯", default=0)
    red = models.PositiveIntegerField("红灯", default=0)
    done = models.PositiveIntegerField("已完成（灯）", default=0)
    expected = models.PositiveIntegerField("应报送", default=0)
    on_time = models.PositiveIntegerField("按时报送", default=0)
    sent = models.PositiveIntegerField("已报送", default=0)
    findings = models.PositiveIntegerField("发现问题", default=0)
    rect_open = models.PositiveIntegerField("整改未销号", default=0)
    rect_closed = models.PositiveIntegerField("整改已销号", default=0)

    class Meta:
        verbose_name = "地区汇总快照"
        verbose_name_plural = verbose_name
        constraints = (models.UniqueConstraint(fields=["year", "unit"], name="unit_year_summary_once"),)

    def __str__(self) -> str:
        return f"{self.unit_id} · {self.year}"
