"""The common text plan whose tasks are the rows of text tables (tab- or bar-separated) under numbered
headings, read in one flat pass:

    一、强化政治监督
    （一）加强政治纪律
    序号	工作任务	牵头单位	配合单位	完成时限
    1	加强…。	区纪委	区财政局、区审计局	长期坚持

``build_tables`` gives exactly the ``Outline`` that ``structure.build`` gives for such a plan, without its
items (``_Item``), table tasks (``TableTask``, ``Fields``) or second pass: each row is made a ``Task`` as it
is read. It takes headings of one line that name no unit (the families find no fields in them), tables
whose rows hold a 序号 and a task of their own (no wrapped row, no section or category row, no cell with a
space), and lines after a table, which the general builder sets aside as it does (a footer). Anything else
— a line under a heading, a heading with units, a row it does not take, a number before digits — makes it
return None, and the general builder reads the plan. ``tests/docparse/test_plain_tables.py`` checks the two
agree.
"""

from __future__ import annotations

import re

from .families import ITEM_FAMILIES, Line, tables
from .model import ParseWarning, number_gap
from .numbering import LINE_NUMBER, NUMBER_FIRSTS, cn_to_int
from .plain import number_read, preamble_heads
from .structure import Outline, Table, flat_task
from .text import join_wrapped, squeeze

_NUMBER_MATCH = LINE_NUMBER.match
_NUMBER_CELL = tables.NUMBER_CELL.match
_SPACE = re.compile(r"\s").search  # a cell with one is squeezed by the general reader: not taken here


def build_tables(blocks: list[Line | Table], body_line: int = 0) -> Outline | None:
    """The outline of a text plan of lines and text tables, or None when it is not of the layout above.
    The caller makes sure no line states which unit leads (``plain.convention_stated``)."""
    preamble: list[Line] = []
    styles: list[str] = []  # the numbering styles open, outermost first
    stack: list[tuple[str, str]] = []  # (heading, number) of the headings open
    tasks: list = []
    warnings: list[ParseWarning] = []
    shared: dict = {}  # ``structure._task``'s: paths, numbers and deadlines, each kept once
    closed = False  # a table closed the last heading: the lines after it are set aside
    set_aside = False
    for block in blocks:
        if type(block) is Table:
            if not stack or set_aside or not block.wrapped_rows:
                return None
            closed = True
            path = [heading for heading, _ in stack]
            numbers = [number for _, number in stack]
            key = (tuple(path), tuple(numbers))
            path, numbers = shared.get(key) or shared.setdefault(key, (path, numbers))
            if not _read_table(block, path, numbers, shared, tasks, warnings):
                return None
            continue
        text = block[1]
        first = text[:1]
        m = None
        if first in NUMBER_FIRSTS or first.isdecimal():
            m = _NUMBER_MATCH(text)
            if m is not None and not text[m.end() :]:
                m = None
        if m is None:
            if not stack:
                preamble.append(block)
            elif closed:
                set_aside = True  # the general builder adds it to the heading it closed, and reads no more
            else:
                return None  # a line under a heading: its paragraph, sub-headings, units
            continue
        group = m.lastgroup
        if group == "n" or (not stack and preamble_heads(preamble, body_line)):
            return None  # 11.121…, or the preamble's last lines heading the first items
        style, number, _, _ = number_read(m, group, text[: m.end()])
        if style in styles:
            depth = styles.index(style)
            del styles[depth + 1 :]
            del stack[depth:]
        elif set_aside:
            return None  # the lines set aside would be its parent's and could be read into its heading
        rest = text[m.end() :]
        heading = Line(block[0], rest)
        for family in ITEM_FAMILIES:
            if split := family.read([heading]):
                if split.fields.any():
                    return None  # a task of its own
                break
        if style not in styles:
            styles.append(style)
        stack.append((squeeze(join_wrapped([rest])).rstrip("：:。"), number))  # ``_Item.heading``
        closed = set_aside = False
    if not tasks:
        return None
    warnings.sort(key=lambda w: w.line)
    return Outline(tasks, warnings, preamble)


def _read_table(
    table: Table, path: list[str], numbers: list[str], shared: dict, tasks: list, warnings: list
) -> bool:
    """Add a table's rows to ``tasks`` and its number gaps to ``warnings`` as ``read_rows`` and
    ``number_gaps`` read them; False at a row that the general reader would read otherwise."""
    header = tables.table_header(table.rows)
    if header is None:
        return True  # no task table: the general builder passes over it too
    columns, header_rows = header
    if "category" in columns.values() or "number" not in columns.values():
        return False
    at = {fld: i for i, fld in columns.items()}
    units, deadline = tables.field_keys(columns, by_index=True)
    number_at, text_at = at["number"], at["text"]
    width = max(columns) + 1
    previous = None  # the last row's task text and value
    last_text = None
    for line_no, cells in table.rows[header_rows:]:
        # ``read_rows``' common row: as wide as the header, no space in a cell, a number first (no header
        # again) and two different cells first (no heading row), a number of its own (no wrapped row).
        if len(cells) < width or _SPACE("".join(cells)):
            return False
        first = cells[0]
        number = cells[number_at]
        if not (first[:1].isdigit() and cells[1] and cells[1] != first and number):
            return False
        text = cells[text_at]
        if not text:
            continue  # a numbered row without a task
        if text == last_text:
            return False  # Word's merged cells repeated, or a row given twice
        last_text = text
        m = _NUMBER_CELL(number)
        if m is not None:
            number = m.group("n")
        flat = tables.row_fields(cells, units, deadline)
        tasks.append(flat_task(number, path, text, line_no, flat, numbers, shared))
        value = int(number) if number.isdigit() else cn_to_int(number)
        if value is not None:
            if previous is not None and (gap := number_gap(line_no, previous, value)):
                warnings.append(gap)
            previous = value
    return True
