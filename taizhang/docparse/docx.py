"""Word (.docx) documents as the same lines and tables the text reader gives, with Word's automatic
numbering written out (the number of a numbered paragraph is not in its text), and paragraphs styled as
headings (标题 1…3, Heading 1…3, or given an outline level 1…3) as headings whatever their text."""

from __future__ import annotations

import re
from io import BytesIO

import docx
from docx.oxml.ns import qn

from .families import Line
from .model import ParseError
from .structure import Heading, Table

_CN = "〇一二三四五六七八九"
# Built-in heading styles by name; Chinese Word writes "heading 1" with the id "1" and shows 标题 1.
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(?P<level>[1-9])$", re.IGNORECASE)
_MAX_HEADING_LEVEL = 3  # deeper outline levels are read as ordinary paragraphs (they may be tasks)
_HEADING_MAX = 40  # longer, with a 。 or ；: sentences, not a heading


def read_docx(data: bytes) -> list[Line | Table]:
    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ParseError(
            "corrupt_docx", "Word 文件已损坏，无法打开", "the Word file is damaged and cannot be opened"
        ) from exc
    body = document.element.body
    if body is None:  # a document.xml without <w:body>
        raise ParseError(
            "corrupt_docx", "Word 文件已损坏（没有正文）", "the Word file is damaged: it has no body"
        )
    numbering = _Numbering(document)
    headings = _HeadingStyles(document)
    blocks: list[Line | Table | Heading] = []
    position = 0
    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            position += 1
            text = _paragraph_text(element)
            label = numbering.label(element, document)
            if text.strip():
                text = f"{label}{text}" if label else text
                level = headings.level(element)
                if level and len(text) > _HEADING_MAX and ("。" in text or "；" in text):
                    level = 0  # whole sentences in a heading style: the style is misused, read it as text
                blocks.append(Heading(position, text, level) if level else Line(position, text))
        elif element.tag == qn("w:tbl"):
            rows = []
            for cells in _table_rows(element, document):
                position += 1
                rows.append((position, cells))
            if rows:
                blocks.append(Table(rows[0][0], rows))
    return blocks


def _table_rows(element, document) -> list[list[str]]:
    """Each row's cell texts, a merged cell repeated over the columns it spans as Word shows it. A table
    python-docx cannot lay out (a span that is no number, a vertical merge with nothing above it) is read
    cell by cell as written instead of refused: the plan's text is still all there."""
    table = docx.table.Table(element, document._body)
    try:
        return [["\n".join(p.text for p in cell.paragraphs) for cell in row.cells] for row in table.rows]
    except (ValueError, TypeError, IndexError):
        return [
            ["\n".join(_paragraph_text(p) for p in tc.iter(qn("w:p"))) for tc in tr.findall(qn("w:tc"))]
            for tr in element.findall(qn("w:tr"))
        ]


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        parts.append(node.text or "" if node.tag == qn("w:t") else " ")
    return "".join(parts)


class _HeadingStyles:
    """The heading level (1…3) of a paragraph, from its own outline level or its style's (followed
    through ``basedOn``), or from a built-in heading style's name; 0 for body text."""

    def __init__(self, document) -> None:
        self.by_id: dict[str, int] = {}
        try:
            styles = document.styles.element
        except (AttributeError, KeyError, NotImplementedError):
            return
        elements = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        for style_id in elements:
            self.by_id[style_id] = _style_level(style_id, elements, 0)

    def level(self, p) -> int:
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            return 0
        outline = _val(ppr, "w:outlineLvl")
        if outline is not None:
            return _outline_level(outline)
        style = ppr.find(qn("w:pStyle"))
        return self.by_id.get(style.get(qn("w:val")), 0) if style is not None else 0


def _style_level(style_id: str | None, elements: dict, hops: int) -> int:
    style = elements.get(style_id)
    if style is None or hops > 10:  # a basedOn loop in a damaged file
        return 0
    ppr = style.find(qn("w:pPr"))
    outline = _val(ppr, "w:outlineLvl") if ppr is not None else None
    if outline is not None:
        return _outline_level(outline)
    name = _HEADING_NAME.match((_val(style, "w:name") or "").strip())
    if name:
        level = int(name.group("level"))
        return level if level <= _MAX_HEADING_LEVEL else 0
    return _style_level(_val(style, "w:basedOn"), elements, hops + 1)


def _outline_level(value: str) -> int:
    """w:outlineLvl counts from 0 (level 1); 9 is body text."""
    level = _int(value, 9) + 1
    return level if 1 <= level <= _MAX_HEADING_LEVEL else 0


class _Numbering:
    """Renders w:numPr paragraphs' numbers the way Word shows them, counting per list instance."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> start, fmt, text
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {}
        for a in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in a.findall(qn("w:lvl")):
                levels[_int(lvl.get(qn("w:ilvl")), -1)] = (
                    _int(_val(lvl, "w:start"), 1),
                    _val(lvl, "w:numFmt") or "decimal",
                    _val(lvl, "w:lvlText") or "",
                )
            abstract[a.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            levels = dict(abstract.get(_val(num, "w:abstractNumId"), {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), -1)
                start = _val(override, "w:startOverride")
                if start and ilvl in levels:
                    levels[ilvl] = (_int(start, 1), *levels[ilvl][1:])
            self.levels[num.get(qn("w:numId"))] = levels

    def label(self, p, document) -> str:
        num_id, ilvl = self._num_pr(p, document)
        levels = self.levels.get(num_id)
        if not levels or not 0 <= ilvl < 9 or ilvl not in levels or levels[ilvl][1] in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0  # a higher level restarts the levels below it
        text = levels[ilvl][2]
        for k in range(ilvl + 1):
            start, fmt, _ = levels.get(k, (1, "decimal", ""))
            value = start + max(counters[k], 1) - 1
            text = text.replace(f"%{k + 1}", _format(value, fmt))
        return text

    def _num_pr(self, p, document) -> tuple[str | None, int]:
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None and ppr is not None and (style := ppr.find(qn("w:pStyle"))) is not None:
            style_el = document.styles.element.get_by_id(style.get(qn("w:val")))  # w:pStyle names an id
            spr = style_el.find(qn("w:pPr")) if style_el is not None else None
            num_pr = spr.find(qn("w:numPr")) if spr is not None else None
        if num_pr is None:
            return None, 0
        return _val(num_pr, "w:numId"), _int(_val(num_pr, "w:ilvl"), 0)


def _int(text: str | None, default: int) -> int:
    """A number attribute of the numbering definitions; a missing or malformed one counts as ``default``
    (Word itself shows such a list with its defaults rather than refusing the file)."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _format(value: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographDigital",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return _chinese(value)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + value - 1) if 1 <= value <= 20 else str(value)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + value - 1) if 1 <= value <= 20 else f"({value})"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(value)


def _chinese(value: int) -> str:
    if value < 0:
        return str(value)
    if value < 10:
        return _CN[value]
    if value < 20:
        return "十" + (_CN[value % 10] if value % 10 else "")
    if value < 100:
        return _CN[value // 10] + "十" + (_CN[value % 10] if value % 10 else "")
    return str(value)
