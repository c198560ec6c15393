"""Forms of the plan pages: the import upload, the confirm step, a task edited in the preview, publish.

Errors about the file are in the page's language, as the services' own errors are (issue 13: no more
"中文 / English" on pages)."""

from __future__ import annotations

import re
from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.docparse.decode import MAX_BYTES
from taizhang.lib.i18n import said, said_lazy
from taizhang.lib.ids import parse_id
from taizhang.plans.importing import NEW
from taizhang.plans.models import Plan
from taizhang.units.models import Region, Unit

FILE_TYPES = (".docx", ".xlsx", ".txt")
YEARS = {"min_value": 1949, "max_value": 2100}
# Plan.Level and Plan.Cadence labels, as msgids (the model's labels are not translated yet).
LEVELS = (
    (Plan.Level.PROVINCE, _("省级")),
    (Plan.Level.CITY, _("市级")),
    (Plan.Level.DISTRICT, _("县（区）级")),
)
CADENCES = (
    (Plan.Cadence.MONTH, _("按月")),
    (Plan.Cadence.QUARTER, _("按季度")),
    (Plan.Cadence.YEAR, _("按年")),
)
_NAME_SEPARATORS = re.compile(r"[、，,；;\n\r]+")
_NAME_MAX = Unit._meta.get_field("name").max_length


class PlanFieldsForm(forms.Form):
    """What the file does not say and the office decides: level, period and reporting cadence."""

    level = forms.ChoiceField(label=_("方案层级"), choices=LEVELS)
    period_start = forms.IntegerField(label=_("起始年份"), **YEARS)
    period_end = forms.IntegerField(label=_("截止年份"), **YEARS)
    report_cadence = forms.ChoiceField(label=_("报送周期"), choices=CADENCES, initial=Plan.Cadence.QUARTER)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", said("截止年份早于起始年份。", "The period ends before it starts."))
        return data


class PlanUploadForm(PlanFieldsForm):
    """Step 1 of 方案导入: the file and the region it is a plan of (regions the office covers)."""

    file = forms.FileField(
        label=_("方案文件"),
        help_text=_("Word（.docx）、Excel（.xlsx）或纯文本（.txt），不超过 20 MB"),
        error_messages={
            "required": said_lazy("请选择要导入的文件。", "Choose a file to import."),
            "empty": said_lazy("文件是空的。", "The file is empty."),
            "invalid": said_lazy("没有收到文件，请重新选择。", "No file was received; choose it again."),
        },
    )
    sheet = forms.CharField(
        label=_("工作表"),
        required=False,
        max_length=100,
        help_text=_("仅 Excel 文件：工作表名称或序号；留空时读取第一张含任务表的工作表"),
    )
    region = forms.ModelChoiceField(label=_("行政区划"), queryset=Region.objects.none(), empty_label=None)
    field_order = ("file", "sheet", "region", "level", "period_start", "period_end", "report_cadence")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.filter(pk__in=region_ids_in_scope(user, Role.OFFICE_ADMIN)).order_by("name")
        self.fields["region"].queryset = regions
        # Start from the office's own region (the top of its scope) and that region's level.
        listed = list(regions)
        top = next((r for r in listed if r.parent_id not in {r.pk for r in listed}), None)
        if top is not None:
            self.fields["region"].initial = top.pk
            self.fields["level"].initial = top.level
        self.fields["file"].widget.attrs["accept"] = ",".join(FILE_TYPES)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower()
        if suffix == ".pdf":
            raise forms.ValidationError(
                said(
                    "不能导入 PDF 文件，请上传 Word（.docx）、Excel（.xlsx）或纯文本（.txt）格式的方案原文。",
                    "PDF files cannot be imported: upload the plan as Word (.docx), Excel (.xlsx) or plain "
                    "text (.txt).",
                ),
                code="pdf",
            )
        if suffix not in FILE_TYPES:
            raise forms.ValidationError(
                said(
                    "只能导入 .docx、.xlsx 或 .txt 文件。",
                    "Only .docx, .xlsx and .txt files can be imported.",
                ),
                code="file_type",
            )
        if upload.size == 0:
            raise forms.ValidationError(said("文件是空的。", "The file is empty."), code="empty")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                said(
                    f"文件超过 {MAX_BYTES // 2**20} MB。", f"The file is larger than {MAX_BYTES // 2**20} MB."
                ),
                code="too_large",
            )
        return upload

    def clean(self):
        data = super().clean()
        region, level = data.get("region"), data.get("level")
        if region and level and level != region.level:
            self.add_error(
                "level",
                said(
                    f"方案层级应与区划“{region.name}”的级别（{region.get_level_display()}）一致。",
                    f"The plan's level must be the level of its region {region.name}.",
                ),
            )
        return data

    def file_name(self) -> str:
        return PurePath(self.cleaned_data["file"].name).name[-255:]

    def file_bytes(self) -> bytes:
        return b"".join(self.cleaned_data["file"].chunks())


class ImportConfirmForm(PlanFieldsForm):
    """Step 2: the metadata as the office corrected it. The unit mapping comes from ``unit_mapping``;
    the inputs sit all over the preview page and join the form through the ``form`` attribute."""

    FORM_ID = "confirm-form"

    title = forms.CharField(label=_("方案标题"), max_length=200)
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    allow_duplicate = forms.BooleanField(label=_("仍然导入（同一文件再导入一次）"), required=False)
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    field_order = ("title", "doc_number", "level", "period_start", "period_end", "report_cadence")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["form"] = self.FORM_ID


def unit_mapping(post) -> dict[str, int | str]:
    """The office's choices from the unit-matching table: ``map_name`` and ``map_unit`` in pairs, a unit
    id or ``"new"``; a name left on "请选择" is left out (the service then needs an exact match)."""
    mapping: dict[str, int | str] = {}
    for name, value in zip(post.getlist("map_name"), post.getlist("map_unit"), strict=False):
        name, value = name.strip(), value.strip()
        if name and value == NEW:
            mapping[name] = NEW
        elif name and (unit_id := parse_id(value)):
            mapping[name] = unit_id
    return mapping


def _names(value: str) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in _NAME_SEPARATORS.split(value) if n.strip()))


class TaskEditForm(forms.Form):
    """One task of the preview, corrected by hand. Unit lists are typed with 、 between names."""

    number = forms.CharField(label=_("序号"), max_length=20, required=False)
    text = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 4}))
    lead = forms.CharField(label=_("牵头单位"), required=False)
    cooperating = forms.CharField(label=_("配合单位"), required=False)
    responsible = forms.CharField(label=_("负责单位"), required=False)
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)

    UNIT_FIELDS = ("lead", "cooperating", "responsible")

    @classmethod
    def initial_for(cls, task, sha256: str) -> dict:
        return {
            "number": task.number,
            "text": task.text,
            **{name: "、".join(getattr(task, name)) for name in cls.UNIT_FIELDS},
            "sha256": sha256,
        }

    def clean(self):
        data = super().clean()
        for name in self.UNIT_FIELDS:
            if name in data:
                data[name] = _names(data[name])
                if any(len(n) > _NAME_MAX for n in data[name]):
                    self.add_error(
                        name,
                        said(
                            f"单位名称不能超过 {_NAME_MAX} 字。",
                            f"A unit name is longer than {_NAME_MAX} characters.",
                        ),
                    )
        return data


class PublishForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
