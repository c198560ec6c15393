"""地区汇总快照: the roll-up's figures of one region's own units for one year, as the tick (or a refresh)
last computed them (``dashboard.rollup_snapshot``). A cache of figures, not a record: the roll-up page sums
these rows over each region's subtree instead of judging every line's light of a province's year."""

from __future__ import annotations

from django.db import models

from taizhang.units.models import Region


class RegionYearSummary(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+", verbose_name="地区")
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
        constraints = (models.UniqueConstraint(fields=["year", "region"], name="region_year_summary_once"),)

    def __str__(self) -> str:
        return f"{self.region_id} · {self.year}"
