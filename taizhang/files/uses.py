"""Which types each use of an upload takes (the allow-list per use), and which extensions each kind of
content may carry (``files.sniff`` names the kinds)."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings


class Use(StrEnum):
    """What an upload is for; each caller of ``files.checks`` says which."""

    EVIDENCE = "evidence"  # 佐证材料: reports, orders, findings, cases, rulemaking versions
    PLAN_SOURCE = "plan_source"  # 方案导入: the plan document the parser reads
    CIRCULAR_TEMPLATE = "circular_template"  # 通报模板
    REGULATION_CATALOGUE = "regulation_catalogue"  # 制度目录
    ONBOARDING_SHEET = "onboarding_sheet"  # 单位、用户名册 (administration)


_FIXED: dict[Use, list[str]] = {
    Use.PLAN_SOURCE: ["docx", "xlsx", "txt"],
    Use.CIRCULAR_TEMPLATE: ["docx"],
    Use.REGULATION_CATALOGUE: ["xlsx"],
    Use.ONBOARDING_SHEET: ["xlsx"],
}


def allowed_types(use: Use) -> list[str]:
    """The extensions (lower case, no dot) ``use`` takes; evidence's come from
    ``TAIZHANG_EVIDENCE_TYPES``."""
    return list(settings.TAIZHANG_EVIDENCE_TYPES) if use == Use.EVIDENCE else _FIXED[use]


# The extensions each kind of content may carry.
KIND_EXTENSIONS: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    "docx": frozenset({"docx"}),
    "xlsx": frozenset({"xlsx"}),
    "pptx": frozenset({"pptx"}),
    "ole": frozenset({"doc", "xls", "ppt"}),
    "ofd": frozenset({"ofd"}),
    "jpeg": frozenset({"jpg", "jpeg"}),
    "png": frozenset({"png"}),
    "gif": frozenset({"gif"}),
    "bmp": frozenset({"bmp"}),
    "tiff": frozenset({"tif", "tiff"}),
    "webp": frozenset({"webp"}),
    "zip": frozenset({"zip"}),
    "rar": frozenset({"rar"}),
    "7z": frozenset({"7z"}),
    "gzip": frozenset({"gz", "tgz"}),
    "text": frozenset({"txt", "csv"}),
}

# How a kind is named to a person (zh, en).
KIND_LABELS: dict[str, tuple[str, str]] = {
    "pdf": ("PDF 文档", "a PDF document"),
    "docx": ("Word 文档（.docx）", "a Word .docx document"),
    "docm": ("启用宏的 Word 文档", "a macro-enabled Word document"),
    "xlsx": ("Excel 工作簿（.xlsx）", "an Excel .xlsx workbook"),
    "xlsm": ("启用宏的 Excel 工作簿", "a macro-enabled Excel workbook"),
    "pptx": ("PowerPoint 演示文稿（.pptx）", "a PowerPoint .pptx file"),
    "pptm": ("启用宏的 PowerPoint 演示文稿", "a macro-enabled PowerPoint file"),
    "ole": ("旧版 Office 文档（.doc/.xls/.ppt）", "an old Office document (.doc/.xls/.ppt)"),
    "ofd": ("OFD 版式文档", "an OFD document"),
    "jpeg": ("JPEG 图片", "a JPEG image"),
    "png": ("PNG 图片", "a PNG image"),
    "gif": ("GIF 图片", "a GIF image"),
    "bmp": ("BMP 图片", "a BMP image"),
    "tiff": ("TIFF 图片", "a TIFF image"),
    "webp": ("WebP 图片", "a WebP image"),
    "zip": ("压缩包", "a zip archive"),
    "rar": ("压缩包", "a RAR archive"),
    "7z": ("压缩包", "a 7z archive"),
    "gzip": ("压缩包", "a gzip archive"),
    "text": ("纯文本", "plain text"),
    "unknown": ("无法识别的内容", "content of no known type"),
}
