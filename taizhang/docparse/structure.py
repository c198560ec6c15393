"""From lines (and tables) to tasks: nest the numbered items, let the families find their fields, and
decide which items are tasks and which are the headings above them.

A numbered item is a task when a family finds units (or a deadline, or people) in it, or when it is a
leaf whose siblings are tasks (then it gets a "no unit" warning). Items above tasks are headings. A short
unnumbered line between task groups (seed 004: 健全作风建设制度) is a sub-heading for the items after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .families import ITEM_FAMILIES, Fields, ItemSplit, Line, inline, tables
from .model import ParseWarning, Task
from .numbering import cn_to_int, match_number
from .regulations import find_regulations
from .text import is_terminated, join_wrapped, looks_cut, squeeze, strip_stray_quotes

_SUBHEADING_MAX = 40


@dataclass(slots=True)
class Table:
    line: int
    rows: list[tuple[int, list[str]]]
    wrapped_rows: bool = False  # text tables wrap long rows; Word tables do not


@dataclass(eq=False, slots=True)
class _Item:
    depth: int
    number: str
    lines: list[Line]
    parent: _Item | None
    context: list  # ancestors (items) and sub-headings (str), outermost first
    split: ItemSplit | None = None
    children: list[_Item] = field(default_factory=list)

    @property
    def heading(self) -> str:
        texts = [self.lines[0].text]
        for line in self.lines[1:]:
            if not looks_cut(texts[-1]):
                break
            texts.append(line.text)
        return squeeze(join_wrapped(texts)).rstrip("：:。")


@dataclass(slots=True)
class Outline:
    tasks: list[Task]
    warnings: list[ParseWarning]
    preamble: list[Line]


def build(blocks: list[Line | Table]) -> Outline:
    builder = _Builder()
    for block in blocks:
        builder.feed(block)
    return builder.finish()


class _Builder:
    def __init__(self) -> None:
        self.styles: list[str] = []
        self.stack: list[_Item] = []
        self.subheads: dict[int, str] = {}
        self.pending_sub: str | None = None
        self.entries: list[_Item | tables.TableTask] = []
        self.items: list[_Item] = []
        self.roots: list[_Item] = []
        self.preamble: list[Line] = []
        self.warnings: list[ParseWarning] = []
        self.task_parents: dict[int, bool] = {}  # id(parent item) or id(None) → any child has fields
        self.first_leads = False  # the document said 排在第一位的部门为牵头部门 (``inline.first_leads``)

    def feed(self, block: Line | Table) -> None:
        if isinstance(block, Table):
            self._close_current()
            self._table(block)
            return
        text = block.text
        if ("第一" in text or "首位" in text) and not self.first_leads:
            self.first_leads = inline.states_first_leads(text)
        numbered = match_number(block.text)
        if numbered is None:
            if self.stack:
                self.stack[-1].lines.append(block)
            else:
                self.preamble.append(block)
            return
        self._close_current()
        if numbered.style in self.styles:
            depth = self.styles.index(numbered.style)
            del self.styles[depth + 1 :]
            del self.stack[depth:]
        else:
            depth = len(self.styles)
            self.styles.append(numbered.style)
        for d in [d for d in self.subheads if d > depth]:
            del self.subheads[d]
        if self.pending_sub:
            self.subheads[depth] = self.pending_sub
            self.pending_sub = None
        parent = self.stack[-1] if self.stack else None
        item = _Item(depth, numbered.number, [Line(block.no, numbered.rest)], parent, self._context(depth))
        (parent.children if parent else self.roots).append(item)
        self.stack.append(item)
        self.items.append(item)
        self.entries.append(item)

    def _context(self, depth: int) -> list:
        context: list = []
        for d in range(depth + 1):
            if d in self.subheads:
                context.append(self.subheads[d])
            if d < depth:
                context.append(self.stack[d])
        return context

    def _table(self, table: Table) -> None:
        header = tables.table_header(table.rows)
        if header is None:
            return
        columns, header_rows = header
        context = self._context(len(self.stack))
        outer = [c if isinstance(c, str) else c.heading for c in context]
        numbers = ["" if isinstance(c, str) else c.number for c in context]
        rows = tables.read_rows(
            columns,
            table.rows[header_rows:],
            wrapped_rows=table.wrapped_rows,
            outer_path=outer,
            outer_numbers=numbers,
        )
        self.entries.extend(rows)
        self.warnings.extend(tables.number_gaps(rows))

    def _close_current(self) -> None:
        """Run the families over the item that just ended and pick up a trailing sub-heading."""
        if not self.stack or self.stack[-1].split is not None:
            return
        item = self.stack[-1]
        item.split = next((s for f in ITEM_FAMILIES if (s := f.read(item.lines))), None) or ItemSplit(
            list(item.lines), Fields()
        )
        if self.first_leads and item.split.tail:
            inline.first_leads(item.split.fields)
        if item.split.fields.any():
            tail = item.split.after_lines
        else:
            # A heading's own lines: a last short line may be the first sub-heading of its children.
            # (A task of labels alone, "1.牵头单位：", has no text line at all.)
            lines = item.split.text_lines
            tail = lines[1:] if lines and not looks_cut(lines[0].text) else []
            tail = tail[-1:] if tail and _is_subheading(tail[-1].text) else []
            if tail:
                item.split.text_lines.remove(tail[0])
        if tail and _is_subheading(tail[-1].text):
            self.pending_sub = squeeze(tail[-1].text)
            tail = tail[:-1]
        item.split.after_lines = tail

    def finish(self) -> Outline:
        self._close_current()
        tasks: list[Task] = []
        last_number: dict[int, int] = {}
        final = self.items[-1] if self.items else None
        for entry in self.entries:
            if isinstance(entry, tables.TableTask):
                tasks.append(
                    _task(entry.number, entry.path, entry.text, entry.line, entry.fields, entry.numbers)
                )
                continue
            if not self._is_task(entry):
                continue
            split = entry.split
            text = strip_stray_quotes(join_wrapped([line.text for line in split.text_lines]))
            path = [c if isinstance(c, str) else c.heading for c in entry.context]
            numbers = ["" if isinstance(c, str) else c.number for c in entry.context]
            tasks.append(_task(entry.number, path, text, entry.lines[0].no, split.fields, numbers))
            self.warnings.extend(split.warnings)
            if not split.fields.has_units():
                self.warnings.append(
                    ParseWarning(
                        entry.lines[0].no, "no_unit", "任务没有责任单位 / the task names no responsible unit"
                    )
                )
            if entry is not final:
                self.warnings.extend(
                    ParseWarning(line.no, "unrecognised_line", "无法识别的行 / a line that fits nothing")
                    for line in split.after_lines
                )
            self._check_sequence(entry, last_number)
        self.warnings.sort(key=lambda w: w.line)
        for item in self.items:  # items point at their parents and children: free them without the GC
            item.children.clear()
        return Outline(tasks, self.warnings, self.preamble)

    def _is_task(self, item: _Item) -> bool:
        if item.split.fields.any():
            return True
        if item.children:
            return False
        return self._has_task_child(item.parent)

    def _has_task_child(self, parent: _Item | None) -> bool:
        """Whether any child of ``parent`` (the roots for ``None``) has fields of its own. Kept per parent,
        so a list of n leaves costs n looks rather than n² (every leaf asked about all its siblings)."""
        key = id(parent)
        if key not in self.task_parents:
            siblings = parent.children if parent else self.roots
            self.task_parents[key] = any(s.split.fields.any() for s in siblings)
        return self.task_parents[key]

    def _check_sequence(self, item: _Item, last_number: dict[int, int]) -> None:
        value = int(item.number) if item.number.isdigit() else cn_to_int(item.number)
        previous = last_number.get(item.depth)
        if value is not None and previous is not None and value not in (1, previous + 1):
            self.warnings.append(
                ParseWarning(
                    item.lines[0].no,
                    "number_gap",
                    f"编号不连续：{previous} 之后是 {value} / numbering jumps from {previous} to {value}",
                )
            )
        if value is not None:
            last_number[item.depth] = value


def _is_subheading(text: str) -> bool:
    return (
        len(text) <= _SUBHEADING_MAX
        and not is_terminated(text)
        and not looks_cut(text)
        and "：" not in text
        and ":" not in text
    )


def _task(number: str, path: list[str], text: str, line: int, fields: Fields, numbers: list[str]) -> Task:
    return Task(
        number=number,
        section_path=path,
        text=text,
        line=line,
        section_numbers=numbers,
        lead=fields.lead,
        cooperating=fields.cooperating,
        responsible=fields.responsible,
        leaders=fields.leaders,
        persons=fields.persons,
        deadline=fields.deadline,
        regulations=find_regulations(text),
    )
