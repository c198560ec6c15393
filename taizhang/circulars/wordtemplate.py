"""Filling a circular's Word template: plain python-docx, no models, so the layout stays in the .docx.

A template is an ordinary .docx with placeholders in double braces, typed anywhere in Word:

- ``{{发文机关}}`` ``{{文号}}`` ``{{标题}}`` ``{{成文日期}}`` — replaced in place, keeping the formatting
  of the text where the placeholder starts (Word often splits what one types into several runs; that is
  handled).
- ``{{正文}}`` — alone in its paragraph: replaced by one paragraph per line of the circular's text, each a
  copy of that paragraph. A line ``一、…`` takes the paragraph style ``通报一级标题``, ``（一）…`` the style
  ``通报二级标题``, and a first line ending in ``：`` (the 主送机关) ``通报主送``, when the template
  defines them.
- ``{{单位}}`` ``{{问题}}`` ``{{严重程度}}`` ``{{整改要求}}`` — in one row of a table: the row is repeated
  once per finding, never split across pages, the rows above it repeated on each page as its header.
  Without findings the table is left out.
- Optional (GB/T 9704-2012): ``{{附件说明}}`` ``{{附件标识}}`` ``{{附件名称}}`` (the findings table as 附件:
  附件：问题清单 under the body, 附件 and 问题清单 over the table), ``{{抄送}}`` ``{{印发机关}}``
  ``{{印发日期}}`` (the 版记). A paragraph — or, in a table, the row — whose optional placeholder has
  nothing to say is removed, with the words around it (抄送：…。 without anyone to copy to).

The title is broken into lines at word boundaries (``titlelines``); a paragraph in the style ``通报署名``
holding ``{{发文机关}}`` is centred over the 成文日期 under it (GB/T 9704-2012 7.3.5.1).

``template_problems`` says, in Chinese and English, what keeps a file from being a template; ``fill`` makes
the document.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from taizhang.circulars.titlelines import width
from taizhang.lib.ooxml import ZipRefused, check_zip

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")

ISSUER, DOC_NUMBER, TITLE, DATE, BODY = "发文机关", "文号", "标题", "成文日期", "正文"
ROW_FIELDS = ("单位", "问题", "严重程度", "整改要求")
TEXT_FIELDS = (ISSUER, DOC_NUMBER, TITLE, DATE)
NOTE, MARK, NAME, COPY_TO, PRINTER, PRINT_DATE = (
    "附件说明",
    "附件标识",
    "附件名称",
    "抄送",
    "印发机关",
    "印发日期",
)
OPTIONAL = (NOTE, MARK, NAME, COPY_TO, PRINTER, PRINT_DATE)
REQUIRED = (DOC_NUMBER, TITLE, BODY, DATE)
KNOWN = frozenset((*TEXT_FIELDS, BODY, *ROW_FIELDS, *OPTIONAL))
FINDINGS_ATTACHMENT = "问题清单"

STYLE_HEADING_1 = "通报一级标题"
STYLE_HEADING_2 = "通报二级标题"
STYLE_SALUTATION = "通报主送"
STYLE_SIGNATURE = "通报署名"
_NUMERALS = "一二三四五六七八九十"
_HEADING_1 = re.compile(rf"^[{_NUMERALS}]+、")
_HEADING_2 = re.compile(rf"^（[{_NUMERALS}]+）")


@dataclass(frozen=True, slots=True)
class FindingRow:
    unit: str
    problem: str
    severity: str
    requirement: str

    def values(self) -> dict[str, str]:
        return dict(zip(ROW_FIELDS, (self.unit, self.problem, self.severity, self.requirement), strict=True))


@dataclass(frozen=True, slots=True)
class CircularText:
    """What goes into a template: plain text, already in the words the document uses."""

    issuer: str
    doc_number: str
    title: str
    body: str
    date: str  # 成文日期 as printed: 2024年3月5日
    findings: tuple[FindingRow, ...] = ()
    copy_to: str = ""  # 抄送机关, 、-separated, without the closing 。
    printer: str = ""  # 印发机关 (the issuer when empty)
    title_lines: tuple[str, ...] = ()  # the title as printed, broken at word boundaries

    def values(self) -> dict[str, str]:
        attached = bool(self.findings)
        return {
            ISSUER: self.issuer,
            DOC_NUMBER: self.doc_number,
            TITLE: "\n".join(self.title_lines) if self.title_lines else self.title,
            DATE: self.date,
            NOTE: f"附件：{FINDINGS_ATTACHMENT}" if attached else "",
            MARK: "附件" if attached else "",
            NAME: FINDINGS_ATTACHMENT if attached else "",
            COPY_TO: self.copy_to.strip().rstrip("。"),
            PRINTER: self.printer or self.issuer,
            PRINT_DATE: self.date,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    zh: str
    en: str


# ---- reading a template ----


def open_docx(data: bytes) -> DocumentObject | None:
    """The document, or None when ``data`` is not a Word .docx (a .doc, a .docm, a renamed file, …) or
    is a package over the zip limits (``lib.ooxml``: checked before python-docx unpacks anything)."""
    if not zipfile.is_zipfile(BytesIO(data)):
        return None
    try:
        check_zip(data)
    except ZipRefused:
        return None
    try:
        return Document(BytesIO(data))
    except Exception:  # python-docx raises several kinds for a zip that is not a Word document
        return None


def _containers(doc: DocumentObject) -> Iterator[tuple[object, object]]:
    """(XML element, python-docx parent) of the body and of each header and footer defined in the file."""
    yield doc.element.body, doc._body
    seen = set()
    for section in doc.sections:
        for part in (
            section.header,
            section.footer,
            section.even_page_header,
            section.even_page_footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            if part.is_linked_to_previous:  # no definition of its own; asking for its paragraphs adds one
                continue
            element = part._element
            if id(element) not in seen:
                seen.add(id(element))
                yield element, part


def _paragraphs(doc: DocumentObject) -> Iterator[Paragraph]:
    """Every paragraph: body, tables (nested too), headers, footers."""
    for element, parent in _containers(doc):
        for p in list(element.iter(qn("w:p"))):
            yield Paragraph(p, parent)


def _text(paragraph: Paragraph) -> str:
    return "".join(run.text for run in paragraph.runs)


def _names(text: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(text)]


def _row_of(paragraph: Paragraph):
    """The ``w:tr`` a paragraph sits in, or None."""
    element = paragraph._p.getparent()
    while element is not None and element.tag != qn("w:tr"):
        element = element.getparent()
    return element


def template_problems(data: bytes, *, needs_findings: bool) -> list[Problem]:
    """What keeps ``data`` from being a circular template; empty when it is one. ``needs_findings``: the
    kind of circular lists findings (督查通报), so the template must have the findings row."""
    doc = open_docx(data)
    if doc is None:
        return [
            Problem(
                "not_docx",
                "文件不是有效的 Word（.docx）文档，请在 Word 或 WPS 中另存为 .docx 后上传。",
                "The file is not a valid Word .docx document; "
                "save it as .docx in Word or WPS and upload that.",
            )
        ]
    problems: list[Problem] = []
    found: dict[str, int] = {}
    rows: dict[int, set[str]] = {}
    for paragraph in _paragraphs(doc):
        text = _text(paragraph)
        names = _names(text)
        for name in names:
            found[name] = found.get(name, 0) + 1
        if BODY in names and (len(names) > 1 or PLACEHOLDER.sub("", text).strip()):
            problems.append(
                Problem(
                    "body_not_alone",
                    "占位符 {{正文}} 须单独成段（该段不能有其他文字）。",
                    "The placeholder {{正文}} must stand alone in its paragraph.",
                )
            )
        if row_names := [n for n in names if n in ROW_FIELDS]:
            row = _row_of(paragraph)
            if row is None:
                problems.append(
                    Problem(
                        "row_field_outside_table",
                        f"占位符 {_braced(row_names)} 须放在表格的同一行中。",
                        f"The placeholders {_braced(row_names)} must be in one row of a table.",
                    )
                )
            else:
                rows.setdefault(id(row), set()).update(row_names)
    if unknown := sorted(set(found) - KNOWN):
        problems.append(
            Problem(
                "unknown_placeholder",
                f"模板中有无法识别的占位符：{_braced(unknown)}。可用的占位符：{_braced(sorted(KNOWN))}。",
                f"Unknown placeholders in the template: {_braced(unknown)}. "
                f"Known placeholders: {_braced(sorted(KNOWN))}.",
            )
        )
    if missing := [name for name in REQUIRED if name not in found]:
        problems.append(
            Problem(
                "missing_placeholder",
                f"模板缺少必需的占位符：{_braced(missing)}。",
                f"The template lacks required placeholders: {_braced(missing)}.",
            )
        )
    if found.get(BODY, 0) > 1:
        problems.append(
            Problem(
                "body_repeated",
                "占位符 {{正文}} 只能出现一次。",
                "The placeholder {{正文}} may appear only once.",
            )
        )
    if len(rows) > 1 or any(names != set(ROW_FIELDS) for names in rows.values()):
        problems.append(
            Problem(
                "findings_row_incomplete",
                f"问题清单须是表格中的一行，含全部四个占位符：{_braced(ROW_FIELDS)}。",
                "The findings list must be one table row holding all four placeholders: "
                f"{_braced(ROW_FIELDS)}.",
            )
        )
    elif needs_findings and not rows:
        problems.append(
            Problem(
                "findings_row_missing",
                f"督查通报模板须有问题清单表格，其中一行含占位符：{_braced(ROW_FIELDS)}。",
                "An inspection circular's template needs a findings table with one row holding "
                f"{_braced(ROW_FIELDS)}.",
            )
        )
    return _unique(problems)


def _braced(names) -> str:
    return "、".join("{{" + name + "}}" for name in names)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, kept = set(), []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            kept.append(problem)
    return kept


# ---- filling ----


def _replace(paragraph: Paragraph, values: dict[str, str]) -> None:
    """Replace each known placeholder in ``paragraph`` by its value, across runs: the text lands in the
    run where the placeholder starts (keeping its formatting); the rest of the placeholder is cut from the
    runs after it. Unknown names are left as typed."""
    runs = paragraph.runs
    texts = [run.text for run in runs]
    full = "".join(texts)
    matches = [m for m in PLACEHOLDER.finditer(full) if m.group(1) in values]
    if not matches:
        return
    starts, owner = [], []  # where each run starts; which run holds each character
    for index, text in enumerate(texts):
        starts.append(len(owner))
        owner.extend([index] * len(text))

    for match in reversed(matches):  # from the end, so earlier offsets stay valid
        first, last = owner[match.start()], owner[match.end() - 1]
        value = values[match.group(1)]
        head = texts[first][: match.start() - starts[first]]
        tail = texts[last][match.end() - starts[last] :]
        if first == last:
            texts[first] = head + value + tail
        else:
            texts[first] = head + value
            for i in range(first + 1, last):
                texts[i] = ""
            texts[last] = tail
    for run, text in zip(runs, texts, strict=True):
        if run.text != text:
            run.text = text


def _style_ids(doc: DocumentObject) -> dict[str, str]:
    """Paragraph style name → style id, for the styles the body lines may take."""
    wanted = {STYLE_HEADING_1, STYLE_HEADING_2, STYLE_SALUTATION}
    return {
        style.name: style.style_id
        for style in doc.styles
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name in wanted
    }


def _line_style(line: str, *, first: bool) -> str | None:
    inner = line.rstrip("。")
    if first and line.endswith(("：", ":")) and len(line) <= 60:
        return STYLE_SALUTATION
    if _HEADING_1.match(line) and "。" not in inner:
        return STYLE_HEADING_1
    if _HEADING_2.match(line) and "。" not in inner:
        return STYLE_HEADING_2
    return None


def _set_style(p, style_id: str) -> None:
    p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), style_id)


def _fill_body(doc: DocumentObject, body: str) -> None:
    style_ids = _style_ids(doc)
    for paragraph in _paragraphs(doc):
        if BODY not in _names(_text(paragraph)):
            continue
        template = paragraph._p
        lines = [line.strip().replace("\t", " ") for line in body.splitlines()]
        lines = [line for line in lines if line]
        for index, line in enumerate(lines):
            p = copy.deepcopy(template)
            copied = Paragraph(p, paragraph._parent)
            _replace(copied, {BODY: line})
            if (name := _line_style(line, first=index == 0)) and name in style_ids:
                _set_style(p, style_ids[name])
            template.addprevious(p)
        template.getparent().remove(template)
        return


def _row_flag(row, tag: str) -> None:
    """Set ``w:cantSplit`` or ``w:tblHeader`` on a ``w:tr`` (in the schema's order: cantSplit first)."""
    properties = row.find(qn("w:trPr"))
    if properties is None:
        properties = row.makeelement(qn("w:trPr"), {})
        row.insert(1 if row.find(qn("w:tblPrEx")) is not None else 0, properties)
    if properties.find(qn(tag)) is None:
        flag = properties.makeelement(qn(tag), {})
        if tag == "w:cantSplit":
            properties.insert(0, flag)
        else:
            properties.append(flag)


def _fill_findings(doc: DocumentObject, findings: tuple[FindingRow, ...]) -> None:
    for paragraph in _paragraphs(doc):
        if not set(_names(_text(paragraph))) & set(ROW_FIELDS):
            continue
        row = _row_of(paragraph)
        if row is None:
            continue
        if not findings:
            table = row.getparent()
            table.getparent().remove(table)
            return
        for header in row.itersiblings(qn("w:tr"), preceding=True):
            _row_flag(header, "w:cantSplit")
            _row_flag(header, "w:tblHeader")  # the rows above the findings: the header on every page
        _row_flag(row, "w:cantSplit")
        for finding in findings:
            copied = copy.deepcopy(row)
            for p in copied.iter(qn("w:p")):
                _replace(Paragraph(p, paragraph._parent), finding.values())
            row.addprevious(copied)
        row.getparent().remove(row)
        return


def _drop_empty_optional(doc: DocumentObject, values: dict[str, str]) -> None:
    """Remove each paragraph (in a table: its row) holding an optional placeholder with nothing to say. A
    removed paragraph's top rule passes to the paragraph after it (版记 without 抄送: the first rule
    stays thick)."""
    empty = {name for name in OPTIONAL if not values.get(name)}
    for paragraph in list(_paragraphs(doc)):
        if not empty & set(_names(_text(paragraph))):
            continue
        row = _row_of(paragraph)
        target = row if row is not None else paragraph._p
        if target.getparent() is None:
            continue
        if row is None:
            _pass_top_rule(paragraph._p)
        target.getparent().remove(target)


def _pass_top_rule(p) -> None:
    top = p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}")
    if top is None:
        return
    for after in p.itersiblings():
        if after.tag != qn("w:p"):
            return
        if (borders := after.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")) is not None:
            break
    else:
        return
    for old in borders.findall(qn("w:top")):
        borders.remove(old)
    borders.insert(0, copy.deepcopy(top))


# The 版记's frames (GB/T 9704-2012 7.4): text area height, the 印发 line's frame as LibreOffice and Word
# lay it out (one 28.95 pt line and its two rules), and the 抄送 line's height per line of text.
_TEXT_AREA_PT = 637.8  # 225 mm
_RECORD_LINE_PT = 28.95
_RULES_PT = 4.0
_RECORD_CHARS = 31  # 4号 characters on a 版心 line


def _place_copy_to(doc: DocumentObject, values: dict[str, str]) -> None:
    """Set the 抄送 frame's distance from the top of the text area so that it ends on the 印发 line."""
    for paragraph in _paragraphs(doc):
        if COPY_TO not in _names(_text(paragraph)):
            continue
        frame = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
        if frame is None or frame.get(qn("w:y")) is None:
            return
        text = PLACEHOLDER.sub(values[COPY_TO], _text(paragraph))
        lines = max(1, -(-int(width(text) + 0.5) // _RECORD_CHARS))
        height = lines * _RECORD_LINE_PT + _RULES_PT
        printed = _RECORD_LINE_PT + _RULES_PT
        frame.set(qn("w:y"), str(int((_TEXT_AREA_PT - printed - height) * 20)))
        return


def _centre_signature(doc: DocumentObject, values: dict[str, str]) -> None:
    """发文机关署名 centred over the 成文日期 (right four characters in): the signature's right indent is
    the date's plus half the difference of their widths."""
    style_id = next((s.style_id for s in doc.styles if s.name == STYLE_SIGNATURE), None)
    if style_id is None:
        return
    for paragraph in _paragraphs(doc):
        if paragraph.style.style_id != style_id or ISSUER not in _names(_text(paragraph)):
            continue
        date = paragraph._p.getnext()
        if date is None or DATE not in _names("".join(t.text or "" for t in date.iter(qn("w:t")))):
            continue
        base = paragraph.style.paragraph_format.right_indent or 0
        shift = (width(values[DATE]) - width(values[ISSUER])) / 2 * 16  # points of 3号
        paragraph.paragraph_format.right_indent = max(0, int(base + shift * 12700))
        return


def fill(template: bytes, text: CircularText) -> bytes:
    """The circular as a .docx: ``template`` (checked with ``template_problems``) with ``text`` in it.
    Each kind of placeholder is filled once, the findings and the body last, so braces a person typed into
    a finding or the body are never taken as placeholders."""
    doc = open_docx(template)
    if doc is None:
        raise ValueError("not a .docx template")
    values = text.values()
    _drop_empty_optional(doc, values)
    _place_copy_to(doc, values)
    _centre_signature(doc, values)
    for paragraph in _paragraphs(doc):
        if BODY not in _names(_text(paragraph)):
            _replace(paragraph, values)
    _fill_findings(doc, text.findings)
    _fill_body(doc, text.body)
    props = doc.core_properties
    props.title = text.title
    props.author = props.last_modified_by = text.issuer
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
