"""taizhang.docparse — plan documents (工作规划, 实施细则, 责任分解意见, …) to tasks and units.

A plain library: it imports nothing from Django, so the web apps, the CLI and the benchmarks share it.

    >>> from taizhang.docparse import parse
    >>> doc = parse("plan.docx")
    >>> doc.tasks[0].lead
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .decode import MAX_BYTES, load
from .families import Line, tables
from .metadata import read_metadata
from .model import Document, ParseError, ParseWarning, Regulation, Task
from .structure import Table, build
from .text import clean_line
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
) -> Document:
    """Parse a plan from a path or the file's bytes. Raises ParseError for input it cannot read; a .docx
    over ``zip_limits`` (``ZipLimits()`` unless given) is refused before it is unpacked."""
    kind, payload = load(source, filename, max_bytes=max_bytes, zip_limits=zip_limits)
    if kind == "docx":
        from .docx import read_docx  # python-docx is only needed for Word files

        return _guarded(lambda: _document(read_docx(payload)))
    return parse_text(payload)


def parse_text(text: str) -> Document:
    """Parse a plan that is already text."""
    return _guarded(lambda: _document(_text_blocks(text)))


def _guarded(read: Callable[[], Document]) -> Document:
    """The parser raises ParseError and nothing else. Every crash the fuzz tests found is fixed where it
    happened; this is the net for one they have not found yet, so the import page still answers with a
    message (code ``parser_fault``, which the fuzz tests count as a failure) instead of a 500."""
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


def _document(blocks: list[Line | Table]) -> Document:
    doc = Document()
    outline = build(blocks)
    lines = [b for b in blocks if isinstance(b, Line)]
    read_metadata(doc, lines)
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
    for no, raw in enumerate(text.splitlines(), start=1):
        cells = tables.text_cells(raw) if ("\t" in raw or "|" in raw or "｜" in raw) else None
        if cells is not None:
            cells = [clean_line(c) for c in cells]
            if table is not None:
                if not tables.is_rule_row(cells):
                    table.rows.append((no, cells))
                continue
            if tables.header_columns(cells):
                table = Table(no, [(no, cells)], wrapped_rows=True)
                blocks.append(table)
                continue
        table = None
        line = clean_line(raw.replace("\t", " "))
        if line:
            blocks.append(Line(no, line))
    return blocks
