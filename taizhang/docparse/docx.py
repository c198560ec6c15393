"""Word (.docx) documents as the same lines and tables the text reader gives, with Word's automatic
numbering written out (the number of a numbered paragraph is not in its text), and paragraphs styled as
headings (标题 1…3, Heading 1…3, or given an outline level 1…3) as headings whatever their text."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from io import BytesIO

import docx  # noqa: F401  (registers python-docx's element classes, which its table layout needs)
from docx.oxml.ns import qn
from docx.oxml.parser import element_class_lookup, oxml_parser
from docx.parts.styles import StylesPart
from docx.table import Table as _DocxTable
from lxml import etree

from .families import Line
from .model import ParseError
from .structure import Heading, Table

_CN = "〇一二三四五六七八九"
# Built-in heading styles by name; Chinese Word writes "heading 1" with the id "1" and shows 标题 1.
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(?P<level>[1-9])$", re.IGNORECASE)
_MAX_HEADING_LEVEL = 3  # deeper outline levels are read as ordinary paragraphs (they may be tasks)
_HEADING_MAX = 40  # longer, with a 。 or ；: sentences, not a heading

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_CHUNK = 64 * 1024


def _corrupt(detail_zh: str = "", detail_en: str = "") -> ParseError:
    return ParseError(
        "corrupt_docx",
        f"Word 文件已损坏{detail_zh}，无法打开" if not detail_zh else f"Word 文件已损坏（{detail_zh}）",
        f"the Word file is damaged{': ' + detail_en if detail_en else ' and cannot be opened'}",
    )


def read_docx(data: bytes) -> list[Line | Table | Heading]:
    """The document's paragraphs and tables in order. document.xml is read as a stream (a pull parser fed
    from the zip, each paragraph or table let go once read), not loaded whole: a Word file's XML is many
    times its size, and a tree of it many times more (python-docx took ~86× the file)."""
    try:
        package = _Package(data)
        styles = (
            package.xml("styles")
            if package.has("styles")
            else etree.fromstring(StylesPart._default_styles_xml(), oxml_parser)
        )  # python-docx gives a document without styles its default ones
        numbering = _Numbering(package.xml("numbering") if package.has("numbering") else None, styles)
        headings = _HeadingStyles(styles)
        blocks: list[Line | Table | Heading] = []
        position = 0
        for element in package.body():
            if element.tag == _P:
                position += 1
                text = _paragraph_text(element)
                label = numbering.label(element)
                if text.strip():
                    text = f"{label}{text}" if label else text
                    level = headings.level(element)
                    if level and len(text) > _HEADING_MAX and ("。" in text or "；" in text):
                        level = 0  # whole sentences in a heading style: the style is misused, read it as text
                    blocks.append(Heading(position, text, level) if level else Line(position, text))
            elif element.tag == _TBL:
                rows = []
                for cells in _table_rows(element):
                    position += 1
                    rows.append((position, cells))
                if rows:
                    blocks.append(Table(rows[0][0], rows))
    except ParseError:
        raise
    except Exception as exc:  # a damaged package or XML: zip, relationships, content types, syntax
        raise _corrupt() from exc
    return blocks


_P, _TBL, _BODY = qn("w:p"), qn("w:tbl"), qn("w:body")


class _Package:
    """The parts of a .docx that the reader needs, found as Word finds them: the main document through the
    package's relationships (its content type checked), styles and numbering through the document's."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(BytesIO(data))
        types = etree.fromstring(self.zip.read("[Content_Types].xml"))
        defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in types.iter(f"{_CT}Default")}
        overrides = {
            o.get("PartName", "").lower(): o.get("ContentType") for o in types.iter(f"{_CT}Override")
        }
        main = self._target("", "_rels/.rels", _REL + "officeDocument")
        if main is None:
            raise KeyError("no officeDocument relationship")
        content_type = overrides.get("/" + main.lower()) or defaults.get(
            posixpath.splitext(main)[1][1:].lower()
        )
        if content_type != _MAIN:
            raise ValueError(f"not a Word document: {content_type}")
        self.main = main
        folder, name = posixpath.split(main)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        self.parts = {kind: self._target(folder, rels, _REL + kind) for kind in ("styles", "numbering")}

    def _target(self, folder: str, rels: str, rel_type: str) -> str | None:
        try:
            root = etree.fromstring(self.zip.read(rels))
        except KeyError:
            return None
        for rel in root.iter(_PKG_REL):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                return posixpath.normpath(path)
        return None

    def has(self, kind: str) -> bool:
        return self.parts[kind] is not None and self.parts[kind] in self.zip.NameToInfo

    def xml(self, kind: str):
        return etree.fromstring(self.zip.read(self.parts[kind]), oxml_parser)

    def body(self) -> Iterator:
        """The children of the document's (first) body, each once it is whole, then let go."""
        parser = etree.XMLPullParser(events=("start", "end"), remove_blank_text=True, resolve_entities=False)
        parser.set_element_class_lookup(element_class_lookup)  # python-docx's classes, as its parser makes
        body = None
        depth = 0
        with self.zip.open(self.main) as stream:
            while chunk := stream.read(_CHUNK):
                parser.feed(chunk)
                for event, element in parser.read_events():
                    if event == "start":
                        depth += 1
                        if depth == 2 and body is None and element.tag == _BODY:
                            body = element
                        continue
                    depth -= 1
                    if depth == 2 and body is not None and element.getparent() is body:
                        yield element
                        element.clear()  # its children freed now, not when the proxy is collected
                        body.remove(element)
                    elif depth == 1 and element is not body:
                        element.clear()  # something beside the body (w:background): nothing to read
            root = parser.close()
        if body is None or root.find(_BODY) is not body:
            raise _corrupt("没有正文", "it has no body")


def _table_rows(element) -> list[list[str]]:
    """Each row's cell texts, a merged cell repeated over the columns it spans as Word shows it. A table
    python-docx cannot lay out (a span that is no number, a vertical merge with nothing above it) is read
    cell by cell as written instead of refused: the plan's text is still all there."""
    table = _DocxTable(element, None)
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

    def __init__(self, styles) -> None:
        self.by_id: dict[str, int] = {}
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

    def __init__(self, root, styles) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> start, fmt, text
        self.counters: dict[str, list[int]] = {}
        self.styles: dict[str, object] = {}  # styleId → its first w:style, as python-docx finds it
        for style in styles.findall(qn("w:style")):
            self.styles.setdefault(style.get(qn("w:styleId")), style)
        if root is None:
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

    def label(self, p) -> str:
        num_id, ilvl = self._num_pr(p)
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

    def _num_pr(self, p) -> tuple[str | None, int]:
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None and ppr is not None and (style := ppr.find(qn("w:pStyle"))) is not None:
            style_id = style.get(qn("w:val"))
            style_el = self.styles.get(style_id if style_id is not None else "None")  # as python-docx looks
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
