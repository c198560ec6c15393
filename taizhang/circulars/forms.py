"""Forms of the circular pages. Refusals from the services are bilingual (in the reader's language)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.circulars.models import Circular, CircularKind
from taizhang.lib.i18n import said, said_lazy
from taizhang.units.fields import UnitsField
from taizhang.units.models import Unit
from taizhang.units.selectors import region_subtree_ids

PLACEHOLDER_HELP = _(
    "在 Word 或 WPS 中编辑模板，用占位符标出填写位置：{{发文机关}}、{{文号}}、{{标题}}、{{成文日期}}；"
    "{{正文}} 须单独成段；问题清单为表格中的一行，含 {{单位}}、{{问题}}、{{严重程度}}、{{整改要求}}"
    "（督查通报必需）。以“一、”“（一）”开头的正文行使用模板中名为“通报一级标题”“通报二级标题”的段落样式。"
)


class CircularCreateForm(forms.Form):
    """New circular: from an inspection (督查通报 with its findings), or a blank one of any kind."""

    inspection = forms.ModelChoiceField(
        label=_("依据的督办检查"),
        queryset=None,
        required=False,
        empty_label=_("（不依据检查，新建空白通报）"),
    )
    kind = forms.ChoiceField(
        label=_("通报类别"), choices=CircularKind.choices, initial=CircularKind.INSPECTION
    )
    title = forms.CharField(label=_("标题"), max_length=200, required=False)

    def __init__(self, *args, inspections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = inspections

    def clean(self):
        data = super().clean()
        if not data.get("inspection") and not (data.get("title") or "").strip():
            self.add_error("title", said("空白通报须填写标题。", "A blank circular needs a title."))
        return data


class CircularEditForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    body = forms.CharField(
        label=_("正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "每行一段。以“一、”开头的行排为一级标题（黑体），以“（一）”开头的行排为二级标题（楷体）。"
        ),
    )
    units = UnitsField(label=_("通报单位"), required=False)
    copy_to = forms.CharField(
        label=_("抄送"),
        max_length=300,
        required=False,
        help_text=_("抄送机关，以顿号分隔，印在版记中；不抄送则留空。"),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, circular: Circular, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title": circular.title,
                "doc_number": circular.doc_number,
                "body": circular.body,
                "units": list(circular.units.values_list("pk", flat=True)),
                "copy_to": circular.copy_to,
                "expected_version": circular.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(
            region_id__in=region_subtree_ids([circular.region_id]), active=True
        ).order_by("order", "name")


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("通报类别"), choices=CircularKind.choices)
    file = forms.FileField(
        label=_("模板文件"),
        help_text=_("Word（.docx）文件，含占位符 {{文号}}、{{标题}}、{{正文}}、{{成文日期}}"),
        error_messages={
            "required": said_lazy("请选择模板文件。", "Choose a template file."),
            "empty": said_lazy("文件是空的。", "The file is empty."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".docx"


class IssuerForm(forms.Form):
    """发文机关设置 (``services.circular_issuer_set``)."""

    issuer_name = forms.CharField(
        label=_("发文机关全称"), max_length=60, required=False, help_text=_("空则为“区划名称+惩防办”。")
    )
    issuer_short_name = forms.CharField(label=_("发文机关规范化简称"), max_length=30, required=False)
    issuer_mark_short = forms.BooleanField(label=_("发文机关标志和署名用简称"), required=False)
    doc_code = forms.CharField(
        label=_("发文机关代字"),
        max_length=20,
        required=False,
        help_text=_("文号的前缀，如“示惩防办”，与发文机关一致；空则取区划首字加“惩防办”。"),
    )
    printer_name = forms.CharField(
        label=_("印发机关"),
        max_length=60,
        required=False,
        help_text=_("版记中的印发机关；空则同发文机关全称。"),
    )

    @classmethod
    def of(cls, region) -> IssuerForm:
        fields = ("issuer_name", "issuer_short_name", "issuer_mark_short", "doc_code", "printer_name")
        return cls(initial={name: getattr(region, name) for name in fields})
