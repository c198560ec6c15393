"""Family 3: tables, from Word or from text (tab- or bar-separated), whose rows are the tasks.

    序号 | 任务分类 | 工作任务 | 牵头单位 | 配合单位 | 完成时限

Columns may come in any order and under several names; a category column may be filled only in the
first row of its group (merged cells), and a row with an empty 序号 in a text table carries on the row
above (a wrapped row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import zip_longest

from ..model import ParseWarning, number_gap
from ..numbering import cn_to_int, match_number
from ..text import squeeze
from ..units import unit_names
from . import LABELS, NO_NAMES, Fields, deadline_clause

_HEADERS = {
    "number": ("序号", "编号", "序列号"),
    "category": ("任务分类", "任务类别", "工作类别", "类别", "分类", "类型", "项目", "领域", "板块"),
    "text": (
        "工作任务",
        "任务内容",
        "主要任务",
        "工作内容",
        "具体任务",
        "重点任务",
        "工作措施",
        "具体措施",
        "工作事项",
        "主要内容",
        "任务名称",
        "任务",
        "内容",
        "措施",
    ),
    **{f: tuple(w for w in words) for f, words in LABELS.items()},
}
_TEXT_HINT = re.compile("|".join(sorted({w[-2:] for w in _HEADERS["text"]})))
NUMBER_CELL = re.compile(r"^[（(]?(?P<n>\d{1,3}|[一二三四五六七八九十]+)[）)]?[、.．]?$")
_UNIT_COLUMNS = ("lead", "cooperating", "responsible", "leaders", "persons")


@dataclass(slots=True)
class TableTask:
    number: str
    line: int
    text: str
    path: list[str]
    fields: Fields
    raw: dict[str, str] = field(default_factory=dict)
    numbers: list[str] = field(default_factory=list)  # printed numbers of ``path``, "" where none


def header_columns(cells: list[str]) -> dict[int, str] | None:
    """Column index → field, when ``cells`` is a task table's header row."""
    if not _TEXT_HINT.search("".join(cells)):
        return None  # every task-text header word holds one of these: most rows end here, in one call
    columns: dict[int, str] = {}
    for i, cell in enumerate(cells):
        fld = _column_field(cell, columns.values())
        if fld:
            columns[i] = fld
    found = set(columns.values())
    if "text" in found and found & {"lead", "responsible"}:
        return columns
    return None


def _column_field(cell: str, taken=()) -> str | None:
    for fld in _fields_named(_HEADER_NOISE.sub("", cell)):
        if fld not in taken:
            return fld
    return None


_HEADER_NOISE = re.compile(r"[（(].*?[）)]|\s")


@lru_cache(maxsize=1024)
def _fields_named(name: str) -> tuple[str, ...]:
    """Every field whose header words name this column, in ``_HEADERS`` order: a plan repeats one header
    over each of its tables, and each cell's words are looked up once."""
    return tuple(
        fld for fld, words in _HEADERS.items() if any(name == w or (len(w) > 2 and w in name) for w in words)
    )


def table_header(rows: list[tuple[int, list[str]]]) -> tuple[dict[int, str], int] | None:
    """The columns of a table and how many header rows it has (1 or 2), or None when it is no task table.

    A two-level header (责任单位 over 牵头单位 | 配合单位) is read as one: each column named by its lower cell
    where it has one, else by the upper — whether the merged upper cells come repeated (Word), filled
    (Excel) or empty (tab text) in the lower row."""
    if not rows:
        return None
    upper = rows[0][1]
    if len(rows) > 1:
        lower = rows[1][1]
        first = lower[0].strip() if lower else ""
        if not first[:1].isdigit() and any(_column_field(c) for c in lower if c.strip() and c not in upper):
            joined = [(b if b.strip() else a) for a, b in zip_longest(upper, lower, fillvalue="")]
            columns = header_columns(joined)
            if columns:
                return columns, 2
    columns = header_columns(upper)
    return (columns, 1) if columns else None


def read_rows(
    columns: dict[int, str],
    rows: list[tuple[int, list[str]]],
    *,
    wrapped_rows: bool,
    outer_path: list[str],
    outer_numbers: list[str] | None = None,
) -> list[TableTask]:
    """Tasks from the rows under a header. ``wrapped_rows``: a row without 序号 continues the last one."""
    tasks: list[TableTask] = []
    # Rows spanning the table, outermost first: (numbering style, printed number, heading). A row numbered
    # in a style already open replaces it and closes the ones inside it (（一）… then 1．… rows).
    sections: list[tuple[str, str, str]] = []
    category: tuple[str, str] | None = None
    boundary = 0
    outer_numbers = outer_numbers if outer_numbers is not None else [""] * len(outer_path)
    column_items = list(columns.items())
    width = max(columns) + 1
    path: list[str] | None = None  # the path and numbers of the sections open, made again when one changes
    for line_no, cells in rows:
        if len(cells) >= width and not _WHITESPACE.search("".join(cells)):
            # Most rows: no space or line break in a cell, so each cell is its value as it stands.
            filled = [c for c in cells if c]
            raw = {fld: cells[i] for i, fld in column_items}
        else:
            filled, raw = _spaced_row(cells, width, column_items)
        if filled and not filled[0][:1].isdigit() and header_columns(cells):
            continue  # the header again: repeated over a page break, or a second table pasted under it
        # A task's row holds two different cells first: no call (``_is_heading_row`` wants one distinct).
        if (len(filled) < 2 or filled[0] == filled[1]) and _is_heading_row(cells, filled):
            sections, category = _open_section(sections, filled[0]), None
            path = None
            boundary = len(tasks)  # no row after it continues a task before it
            continue
        if raw.get("category"):
            category = _heading(raw["category"])
            path = None
        number = raw.get("number", "")
        if not number and not any(v for f, v in raw.items() if f != "category"):
            continue  # a category-only row
        same_task = (
            len(tasks) > boundary
            and raw.get("text") == tasks[-1].raw.get("text")
            and number in ("", tasks[-1].raw.get("number", ""))
        )  # Word repeats vertically merged cells
        if len(tasks) > boundary and (same_task or (wrapped_rows and not number)):
            _continue(tasks[-1], raw, joined_text=wrapped_rows)
            continue
        if not raw.get("text"):
            continue
        if path is None:
            inner = [*((n, t) for _, n, t in sections), *([category] if category else [])]
            path = [*outer_path, *(title for _, title in inner)]
            numbers = [*outer_numbers, *(n for n, _ in inner)]
        m = NUMBER_CELL.match(number)
        # Rows under one section share its path and numbers (read, never changed).
        tasks.append(
            TableTask(m.group("n") if m else number, line_no, raw["text"], path, Fields(), raw, numbers)
        )
    units, deadline = field_keys(columns, by_index=False)
    for task in tasks:
        task.fields = Fields(*row_fields(task.raw, units, deadline))
    return tasks


_FLAT_AT = {fld: i for i, fld in enumerate(_UNIT_COLUMNS)}  # a unit column's place in ``Fields.flat``


def field_keys(columns: dict[int, str], by_index: bool) -> tuple[tuple[tuple, ...], object]:
    """Where ``row_fields`` finds a table's fields in a row: ((key, place in ``Fields.flat``) of each
    unit column, key of the deadline column or None), a key being the column's index in the row's cells
    (``by_index``) or its field in the row's value per column."""
    units = tuple((i if by_index else fld, _FLAT_AT[fld]) for i, fld in columns.items() if fld in _FLAT_AT)
    deadline = next((i if by_index else fld for i, fld in columns.items() if fld == "deadline"), None)
    return units, deadline


def row_fields(values, units: tuple[tuple, ...], deadline) -> list:
    """A row's fields as ``Fields.flat`` orders them (lead, cooperating, responsible, leaders, persons,
    deadline), read where ``field_keys`` says: each unit column's names a list of its own (``Fields.put``
    into fresh fields), an empty one the shared ``NO_NAMES``."""
    flat = [NO_NAMES, NO_NAMES, NO_NAMES, NO_NAMES, NO_NAMES, None]
    for key, at in units:
        if names := unit_names(values[key]):  # Word cells put one unit per paragraph, joined by newlines
            flat[at] = list(names)
    if deadline is not None and (value := values[deadline]):
        flat[5] = deadline_clause(value) or value.strip(" 。；;")
    return flat


_WHITESPACE = re.compile(r"\s")  # what ``str.strip`` takes off


def _spaced_row(cells: list[str], width: int, column_items) -> tuple[list[str], dict[str, str]]:
    """A row's filled cells and its value per column, each cell squeezed once (``squeeze`` returns a cell
    without a space as it is) and a cell of several paragraphs joined (``_cell``)."""
    squeezed = [squeeze(c) if " " in c else c for c in cells]
    filled = [c for c in squeezed if c]
    if len(cells) < width:
        padded = [*cells, *[""] * (width - len(cells))]
        squeezed += [""] * (width - len(squeezed))
    else:
        padded = cells
    raw = {
        fld: (squeezed[i] if padded[i].strip() else "") if "\n" not in padded[i] else _cell(padded[i], fld)
        for i, fld in column_items
    }
    return filled, raw


def _cell(text: str, fld: str) -> str:
    # Paragraphs of one Word cell: separate units in a unit column, wrapped lines of one text elsewhere.
    if "\n" not in text:  # a text table's cell, and most Word cells: one paragraph
        return squeeze(text) if text.strip() else ""
    sep = "、" if fld in _UNIT_COLUMNS else ""
    return sep.join(squeeze(part) for part in text.split("\n") if part.strip())


def _is_heading_row(cells: list[str], filled: list[str]) -> bool:
    """A row that spans the table (Word repeats a merged cell) or holds text in its first cell only."""
    if len(set(filled)) != 1:
        return False
    if len(filled) == len(cells) > 1:
        return True
    return len(filled) == 1 and squeeze(cells[0]) == filled[0] and not _is_number(filled[0])


def _is_number(cell: str) -> bool:
    return bool(NUMBER_CELL.match(cell))


def _heading(cell: str) -> tuple[str, str]:
    """The printed number ("" if none) and the heading text of a section or category cell."""
    numbered = match_number(cell)
    return (numbered.number, numbered.rest.strip()) if numbered else ("", cell)


def _open_section(sections: list[tuple[str, str, str]], cell: str) -> list[tuple[str, str, str]]:
    numbered = match_number(cell)
    style = numbered.style if numbered else ""
    number, title = _heading(cell)
    for depth, (open_style, _, _) in enumerate(sections):
        if open_style == style:
            return [*sections[:depth], (style, number, title)]
    return [*sections, (style, number, title)]


def _continue(task: TableTask, raw: dict[str, str], *, joined_text: bool) -> None:
    for fld, value in raw.items():
        if not value or fld in ("number", "category"):
            continue
        before = task.raw.get(fld, "")
        if fld == "text":
            if joined_text:
                task.raw[fld] = task.text = before + value
        elif fld in _UNIT_COLUMNS and before and not before.endswith(("、", "，", ",")):
            task.raw[fld] = before + "、" + value
        else:
            task.raw[fld] = before + value


def number_gaps(tasks: list[TableTask]) -> list[ParseWarning]:
    """A warning where a table's numbering jumps (a published copy with items cut: 1, 2, 5): the tasks
    keep their printed numbers, and the office sees where the gap is."""
    warnings, previous = [], None
    for task in tasks:
        number = task.number
        value = int(number) if number.isdigit() else cn_to_int(number) if number else None
        if value is None:
            continue
        if previous is not None and (gap := number_gap(task.line, previous, value)):
            warnings.append(gap)
        previous = value
    return warnings


_BARS = "|｜"


def text_cells(line: str) -> list[str] | None:
    """The cells of a text-table line (tab- or bar-separated), or None for an ordinary line."""
    if "\t" in line:
        return [c.strip() for c in line.strip("\r\n").split("\t")]
    if "|" in line or "｜" in line:
        cells = [c.strip() for c in line.replace("｜", "|").strip().strip("|").split("|")]
        return cells if len(cells) > 1 else None
    return None


_SECTION_MAX = 40


def is_section_line(line: str) -> bool:
    """A short line without a sentence end: inside a text table, a row that spans it (一、强化政治监督)."""
    return (
        len(line) <= _SECTION_MAX
        and line[-1] not in "。；;：:"
        and not line.startswith(("注", "说明", "备注"))
    )


def is_rule_row(cells: list[str]) -> bool:
    """A Markdown-style separator row: |---|:---:|."""
    return not "".join(cells).strip("-:= ")  # no cell holds anything but these (one join, no generator)
