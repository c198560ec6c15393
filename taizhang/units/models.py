"""Regions (行政区划) and the responsible units (责任单位) in them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_noop


class Region(models.Model):
    """行政区划: a province, city or district. Units and plans belong to one; role grants may cover one and
    everything below it."""

    class Level(models.TextChoices):
        PROVINCE = "province", gettext_noop("省")
        CITY = "city", gettext_noop("市")
        DISTRICT = "district", gettext_noop("县（区）")

    name = models.CharField("名称", max_length=50)
    level = models.CharField("级别", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级"
    )
    # The office's issuer as its circulars print it (GB/T 9704-2012 7.2): blank → 〈name〉惩防办.
    issuer_name = models.CharField("发文机关全称", max_length=60, blank=True)
    issuer_short_name = models.CharField("发文机关规范化简称", max_length=30, blank=True)
    issuer_mark_short = models.BooleanField(
        "发文机关标志用简称", default=False, help_text="红头用规范化简称而非全称"
    )
    doc_code = models.CharField(
        "发文机关代字",
        max_length=20,
        blank=True,
        help_text="文号的前缀，如“示惩防办”；空则取区划首字加“惩防办”",
    )
    printer_name = models.CharField(
        "印发机关", max_length=60, blank=True, help_text="版记中的印发机关；空则同发文机关"
    )

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(fields=["parent", "name"], name="region_name_unique_in_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="region_root_name_unique"
            ),
        )

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """单位: a body the plan makes responsible for tasks (市纪委, 市发展改革委 …)."""

    class Kind(models.TextChoices):
        PARTY = "party", gettext_noop("党委部门")
        GOVERNMENT = "government", gettext_noop("政府部门")
        TOWNSHIP = "township", gettext_noop("乡镇")
        STREET = "street", gettext_noop("街道")
        JUDICIAL = "judicial", gettext_noop("法院检察院")
        MASS = "mass", gettext_noop("群团组织")
        VERTICAL = "vertical", gettext_noop("垂管单位")
        INSTITUTION = "institution", gettext_noop("事业单位")
        ENTERPRISE = "enterprise", gettext_noop("企业")
        LEADING_GROUP = "leading_group", gettext_noop("领导小组")
        OTHER = "other", gettext_noop("其他")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="units", verbose_name="行政区划"
    )
    name = models.CharField("全称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("类别", max_length=16, choices=Kind.choices, default=Kind.OTHER)
    order = models.PositiveIntegerField("排序", default=0, help_text="在单位名单中的位次")
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ("order", "name")
        constraints = (models.UniqueConstraint(fields=["region", "name"], name="unit_name_unique_in_region"),)

    def __str__(self) -> str:
        return self.short_name or self.name


class UnitAlias(models.Model):
    """单位别名: another spelling of a unit as plans print it (市发改委 → 市发展和改革委员会).

    Unique within a region so that one printed name resolves to one unit there."""

    class Source(models.TextChoices):
        IMPORT = "import", "导入时匹配"
        MANUAL = "manual", "手工添加"
        SEED = "seed", "初始数据"

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="unit_aliases", verbose_name="行政区划"
    )
    alias = models.CharField("别名", max_length=100)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name="单位")
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="确认人",
        help_text="空表示尚未经人确认（如导入时模糊匹配所得）",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "单位别名"
        verbose_name_plural = "单位别名"
        constraints = (
            models.UniqueConstraint(fields=["region", "alias"], name="unit_alias_unique_in_region"),
        )

    def __str__(self) -> str:
        return f"{self.alias} → {self.unit}"
