"""联系领导: one row per leader of a region's office, with the regulations and units they are linked to."""

from django.conf import settings
from django.db import models


class LeaderLink(models.Model):
    """联系点: a leader (a user holding the 领导 role over ``region``) linked to key regulations
    (联系重要制度) and units (联系单位), leading ``yearly_quota`` inspections a year (带队检查).
    Counts of inspections led are read from ``Inspection.lead_leader``, never stored."""

    leader = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="leader_link", verbose_name="领导"
    )
    region = models.ForeignKey(
        "units.Region", on_delete=models.PROTECT, related_name="+", verbose_name="行政区划"
    )
    regulations = models.ManyToManyField(
        "regulations.Regulation", blank=True, related_name="linked_leaders", verbose_name="联系的重要制度"
    )
    units = models.ManyToManyField(
        "units.Unit", blank=True, related_name="linked_leaders", verbose_name="联系的单位"
    )
    yearly_quota = models.PositiveSmallIntegerField(
        "每年带队检查次数", default=2, help_text="每年应带队开展的督办检查次数"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="修改人"
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "联系领导"
        verbose_name_plural = "联系领导"
        ordering = ("region", "leader__display_name", "pk")

    def __str__(self) -> str:
        return str(self.leader)
