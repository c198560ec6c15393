"""联系会议: a meeting, its files and its decisions."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from taizhang.files.models import Attachment


class Meeting(models.Model):
    """督办检查部门联系会议: held by a region's office with the participating units (and people named in
    free text); its minutes (会议纪要) and files."""

    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("会议日期")
    place = models.CharField("地点", max_length=200, blank=True)
    units = models.ManyToManyField("units.Unit", blank=True, related_name="meetings", verbose_name="参会单位")
    participants = models.TextField("参会人员", blank=True, help_text="参会人员姓名，可填写多人")
    minutes = models.TextField("会议纪要", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="记录人"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "联系会议"
        verbose_name_plural = "联系会议"
        ordering = ("-held_on", "-id")

    def __str__(self) -> str:
        return self.title


class MeetingFile(Attachment):
    """A file of a meeting (会议纪要正文, 签到表 …)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="evidence", verbose_name="联系会议"
    )

    class Meta:
        verbose_name = "联系会议材料"
        verbose_name_plural = "联系会议材料"


class MeetingDecision(models.Model):
    """决定事项: one thing the meeting decided, turned with one action into a 督办单 (``order``) or a
    检查发现问题 (``finding``) — never both; the order or finding points back here."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name="联系会议"
    )
    text = models.TextField("决定事项")
    order = models.OneToOneField(
        "supervision.SupervisionOrder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_decision",
        verbose_name="转为督办单",
    )
    finding = models.OneToOneField(
        "inspections.Finding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_decision",
        verbose_name="转为问题",
    )

    class Meta:
        verbose_name = "决定事项"
        verbose_name_plural = "决定事项"
        ordering = ("meeting", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(order__isnull=True) | Q(finding__isnull=True), name="decision_one_outcome"
            ),
        )

    def __str__(self) -> str:
        return self.text[:40]
