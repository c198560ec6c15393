"""Reading back what a .docx says about layout: the effective East Asian font and size of a paragraph
(run, then paragraph style and the styles it is based on, then the document defaults)."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length


def open_docx(data: bytes):
    return Document(BytesIO(data))


def _chain(paragraph):
    style = paragraph.style
    while style is not None:
        yield style.element
        style = style.base_style


def east_asian_font(paragraph) -> str | None:
    for run in paragraph.runs:
        fonts = run._r.rPr.find(qn("w:rFonts")) if run._r.rPr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
    for element in _chain(paragraph):
        fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
    return None


def font_size(paragraph) -> Length | None:
    for run in paragraph.runs:
        if run.font.size is not None:
            return run.font.size
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size
        style = style.base_style
    return None


def paragraph_format(paragraph, name: str):
    """A paragraph-format value (``alignment``, ``first_line_indent``, ``line_spacing``…) as it applies:
    the paragraph's own, else its style's, else the base styles'."""
    value = getattr(paragraph.paragraph_format, name)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, name)
        style = style.base_style
    return value


def color(paragraph):
    for run in paragraph.runs:
        if run.font.color is not None and run.font.color.rgb is not None:
            return run.font.color.rgb
    style = paragraph.style
    while style is not None:
        if style.font.color is not None and style.font.color.rgb is not None:
            return style.font.color.rgb
        style = style.base_style
    return None


def paragraph_with(doc, text: str):
    return next(p for p in doc.paragraphs if p.text == text)
