"""taizhang.docparse — plan documents (工作规划, 实施细则, 责任分解意见, …) to tasks and units.

A plain library: it imports nothing from Django, so the web apps, the CLI and the benchmarks share it.

    >>> from taizhang.docparse import parse
    >>> doc = parse("plan.docx")
    >>> doc.tasks[0].lead
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from itertools import count, repeat
from operator import itemgetter
from pathlib import Path

from .decode import MAX_BYTES, load
from .families import Line, tables
from .metadata import read_metadata
from .model import Document, ParseError, ParseWarning, Regulation, Task
from .plain import build_plain, convention_stated
from .plain_tables import build_tables
from .structure import Heading, Table, build
from .text import clean_lines
from .upper import upper_titles
from .zipguard import ZipLimits

__all__ = [
    "MAX_BYTES",
    "Document",
    "ParseError",
    "ParseWarning",
    "Regulation",
    "Task",
    "ZipLimits",
    "parse",
    "parse_text",
]


def parse(
    source: str | Path | bytes,
    filename: str | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    zip_limits: ZipLimits | None = None,
    sheet: str | None = None,
) -> Document:
    """Parse a plan from a path or the file's bytes: Word (.docx), Excel (.xlsx: ``sheet`` by name or
    1-based position, the first when None) or text. Raises ParseError for input it cannot read, and for a
    file named .docx/.xlsx that is something else; a package over ``zip_limits`` (``ZipLimits()`` unless
    given) is refused before it is unpacked."""
    kind, payload = load(source, filename, max_bytes=max_bytes, zip_limits=zip_limits)
    if kind in ("docx", "xlsx"):
        return _package(kind, payload, sheet)
    # Handed over in a box so that no frame here keeps the decoded text alive once it is split into lines.
    box = [payload]
    del payload
    return _guarded(lambda: _document(_text_blocks(box.pop()), plain=True))


def _package(kind: str, data: bytes, sheet: str | None) -> Document:
    if kind == "docx":
        from .docx import read_docx  # python-docx is only needed for Word files

        return _guarded(lambda: _document(read_docx(data)))
    from .xlsx import read_xlsx  # openpyxl is only needed for Excel files

    return _guarded(lambda: _document(read_xlsx(data, sheet)))


def parse_text(text: str) -> Document:
    """Parse a plan that is already text."""
    return _guarded(lambda: _document(_text_blocks(text), plain=True))


def _guarded(read: Callable[[], Document]) -> Document:
    """The parser raises ParseError and nothing else. Every crash the fuzz tests found is fixed where it
    happened; this is the net for one they have not found yet, so the import page still answers with a
    message (code ``parser_fault``, which the fuzz tests count as a failure) instead of a 500.

    The cyclic garbage collector is paused meanwhile: the parser frees what it makes by reference counts
    (``structure`` unlinks its items' children when done), and a collection triggered every few hundred
    allocations rescans the parser's growing heap — on a 20 MB plan, a third of the time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return read()
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(
            "parser_fault",
            "解析器无法处理此文件，请将文件交给系统管理员",
            "the parser failed on this file: please pass it to the system administrator",
        ) from exc
    finally:
        if collecting:
            gc.enable()


# ``build_plain`` keeps a plan's rows until its end; the general builder lets each line go once read. Past
# this many lines (a plan is a few hundred; this is a year of plans pasted into one file) memory counts
# more than speed, and the general builder reads the text.
PLAIN_MAX_LINES = 20_000


def _document(blocks: list[Line | Table | Heading], plain: bool = False) -> Document:
    """``plain``: the blocks are a text's, which a flat reader may read (``build_plain`` when they are
    lines only, ``build_tables`` when text tables are among them) if no line states the convention they
    leave to the general builder."""
    doc = Document()
    headings = {b.line: b.level for b in blocks if type(b) is Heading}
    if headings:
        lines = [Line(b.line, b.text) if type(b) is Heading else b for b in blocks if type(b) is not Table]
    else:
        lines = [b for b in blocks if type(b) is Line]
    body_line = read_metadata(doc, lines, headings)
    # Text tables (``Table`` blocks) count their rows: the flat readers hold the whole plan until its end.
    tabled = len(lines) != len(blocks)
    if plain and tabled:
        plain = len(lines) + sum(len(b.rows) for b in blocks if type(b) is Table) <= PLAIN_MAX_LINES
    plain = plain and not headings and len(blocks) <= PLAIN_MAX_LINES and not convention_stated(lines)
    del lines
    if headings:
        # A title styled as a heading is the title, not the first section.
        blocks = [b for b in blocks if not (type(b) is Heading and b.line < body_line)]
    flat = build_tables if tabled else build_plain
    outline = (plain and flat(blocks, body_line)) or build(blocks, body_line)
    doc.tasks = outline.tasks
    doc.warnings = outline.warnings
    doc.upper_documents = upper_titles([line.text for line in outline.preamble])
    if doc.tasks:
        doc.kind = "task_plan"
    elif doc.title and doc.title.endswith("通知"):
        doc.kind = "notice"
    return doc


def _text_blocks(text: str) -> list[Line | Table]:
    blocks: list[Line | Table] = []
    table: Table | None = None
    held: list[Line] = []  # short lines inside a text table: section rows if another row follows
    rows = clean_lines(text)
    if "\t" not in text and "|" not in text and "｜" not in text:
        del text
        # No table can start: every non-blank line is a line, numbered and stripped, in one pass of C
        # iterators (``tuple.__new__`` makes each Line without the named tuple's Python constructor).
        # ``strip`` returns a line with nothing to strip as it is: the Lines hold the rows' own strings.
        numbered = filter(itemgetter(1), zip(count(1), map(str.strip, rows)))
        return list(map(tuple.__new__, repeat(Line), numbered))
    del text  # the lines hold it now: not twice over
    for no, raw in enumerate(rows, start=1):
        if "\t" in raw or "|" in raw or "｜" in raw:
            cells = tables.text_cells(raw)
            if cells is not None:
                # Outside a table every tab row may be a header; inside one only a row without a number is
                # (a header again: the next table, or the header repeated over a page break).
                header = table is None or (cells[0] and not cells[0][0].isdigit())
                if header and tables.header_columns(cells):
                    if held:
                        blocks.extend(held)
                        held = []
                    table = Table(no, [(no, cells)], wrapped_rows=True)
                    blocks.append(table)
                    continue
                if table is not None:
                    # A copy from a web page drops the tabs of a row that spans the table (一、…): the
                    # short lines held since the last row are its section rows.
                    if held:
                        table.rows.extend((line.no, [line.text]) for line in held)
                        held = []
                    if not tables.is_rule_row(cells):
                        table.rows.append((no, cells))
                    continue
            line = raw.replace("\t", " ").strip()
        else:
            line = raw.strip()
        if table is not None:
            if not line:
                continue  # blank lines do not end a table
            if tables.is_section_line(line):
                held.append(Line(no, line))
                continue  # nor do short headings, yet
            table = None
            if held:
                blocks.extend(held)
                held = []
        if line:
            blocks.append(Line(no, line))
    blocks.extend(held)
    return blocks
