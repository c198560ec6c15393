"""From lines (and tables) to tasks: nest the numbered items, let the families find their fields, and
decide which items are tasks and which are the headings above them.

A numbered item is a task when a family finds units (or a deadline, or people) in it, or when it is
numbered in the style of the tasks and holds no task itself (then it gets a "no unit" warning): goals and
general items stay in the ledger and the numbering stays whole. Items above tasks are headings, and so is
every Word paragraph styled as a heading (``Heading``, whatever its text). Short unnumbered lines between
task groups (seed 004: 健全作风建设制度) are sub-headings for the items after them; several in a row nest,
and a shorter run replaces only the innermost of the sub-headings before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .deadlines import deadline_in_text
from .families import ITEM_FAMILIES, NO_NAMES, Fields, ItemSplit, Line, inline, tables
from .model import ParseWarning, Task, number_gap
from .numbering import NUMBER_FIRSTS, Numbered, cn_to_int, match_number, read_number
from .regulations import find_regulations
from .text import is_terminated, join_wrapped, looks_cut, squeeze, strip_stray_quotes

_SUBHEADING_MAX = 40


@dataclass(slots=True)
class Table:
    line: int
    rows: list[tuple[int, list[str]]]
    wrapped_rows: bool = False  # text tables wrap long rows; Word tables do not


@dataclass(slots=True)
class Heading:
    """A paragraph Word styles as a heading (标题 1…3, Heading 1…3, or an outline level): a section."""

    line: int
    text: str
    level: int  # 1 is the outermost


_HEADING_STYLE = "heading:"  # + level; never a numbering style's name


@dataclass(eq=False, slots=True)
class _Item:
    depth: int
    number: str
    lines: list[Line]
    parent: _Item | None
    context: list  # ancestors (items) and sub-headings (str), outermost first
    style: str = ""
    is_heading: bool = False  # styled as a heading: a section whatever it holds
    printed: str = ""  # the number as printed: （1）
    split: ItemSplit | None = None
    children: list[_Item] | tuple = ()  # a list from the first child on: most items have none
    no: int = 0  # its first line's number, kept when its lines are let go
    has_fields: bool = False  # ``split.fields.any()``, kept when the split is let go (``finish``)

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


def build(blocks: list[Line | Table | Heading], body_line: int = 0) -> Outline:
    """``body_line``: the first line after the title and 主送 (short lines before it are not headings)."""
    builder = _Builder(body_line)
    # Taken from the list as they are fed, so a line the builder has no more use for is freed now, not
    # when the whole document is done (a 20 MB plan holds a few hundred thousand of them).
    blocks.reverse()
    pop, feed, stack = blocks.pop, builder.feed, builder.stack
    while blocks:
        block = pop()
        # Most lines carry on the item before them: a line that cannot start a number (``read_number``'s
        # first test) and states no convention is added to it here, without a call to ``feed``.
        if type(block) is Line and stack:
            text = block.text
            first = text[:1]
            if not (first in NUMBER_FIRSTS or first.isdecimal() or first.isspace()) and not (
                "第一" in text or "首位" in text
            ):
                stack[-1].lines.append(block)
                continue
        feed(block)
    return builder.finish()


class _Builder:
    def __init__(self, body_line: int = 0) -> None:
        self.body_line = body_line
        self.styles: list[str] = []
        self.stack: list[_Item] = []
        self.subheads: dict[int, list[str]] = {}
        self.pending_sub: list[str] | None = None
        self.last_value: dict[int, int] = {}  # depth → value of its last numbered item
        self.entries: list[_Item | tables.TableTask] = []
        self.items: list[_Item] = []
        self.roots: list[_Item] = []
        self.preamble: list[Line] = []
        self.warnings: list[ParseWarning] = []
        self.task_parents: dict[int, bool] = {}  # id(parent item) or id(None) → any child has fields
        self.first_leads = False  # the document said 排在第一位的部门为牵头部门 (``inline.first_leads``)
        self.strings: dict[str, str] = {}  # printed numbers, each kept once (a big plan has 100,000 "12.")

    def feed(self, block: Line | Table | Heading) -> None:
        if type(block) is not Line:  # most blocks are lines: two tests saved on each
            if isinstance(block, Table):
                self._close_current()
                self._take_preamble_headings()
                self._table(block)
                return
            if isinstance(block, Heading):
                self._heading(block)
                return
        text = block.text
        if ("第一" in text or "首位" in text) and not self.first_leads:
            self.first_leads = inline.states_first_leads(text)
        numbered = read_number(text)
        if numbered is not None and numbered.candidate:
            numbered = self._number_before_digits(numbered)
        if numbered is None:
            if self.stack:
                self.stack[-1].lines.append(block)
            else:
                self.preamble.append(block)
            return
        self._close_current()
        if self.preamble_headings:
            self._take_preamble_headings()
        if numbered.style in self.styles:
            depth = self.styles.index(numbered.style)
            del self.styles[depth + 1 :]
            del self.stack[depth:]
        else:
            depth = len(self.styles)
            self.styles.append(numbered.style)
        self._open(depth, numbered.style, numbered.number, tuple.__new__(Line, (block.no, numbered.rest)))
        printed = block.text[: len(block.text) - len(numbered.rest)].strip()
        self.stack[-1].printed = self.strings.setdefault(printed, printed)

    def _heading(self, block: Heading) -> None:
        """A styled heading sits below the styled headings of a higher level and above everything else."""
        self._close_current()
        self.pending_sub = None  # the heading itself says where the items after it belong
        self.preamble_headings = False
        depth = 0
        while (
            depth < len(self.styles)
            and self.styles[depth].startswith(_HEADING_STYLE)
            and int(self.styles[depth][len(_HEADING_STYLE) :]) < block.level
        ):
            depth += 1
        del self.styles[depth:]
        del self.stack[depth:]
        style = f"{_HEADING_STYLE}{block.level}"
        self.styles.append(style)
        numbered = match_number(block.text)
        number, text = (numbered.number, numbered.rest) if numbered else ("", block.text)
        self._open(depth, style, number, Line(block.line, text), is_heading=True)

    def _open(self, depth: int, style: str, number: str, first: Line, *, is_heading: bool = False) -> None:
        if self.subheads:
            for d in [d for d in self.subheads if d > depth]:
                del self.subheads[d]
        for d in [d for d in self.last_value if d > depth]:
            del self.last_value[d]
        if self.pending_sub:
            before = self.subheads.get(depth, [])
            run = self.pending_sub
            self.subheads[depth] = run if len(run) >= len(before) else [*before[: -len(run)], *run]
            self.pending_sub = None
        value = int(number) if number.isdigit() else cn_to_int(number)
        if value is not None:
            self.last_value[depth] = value
        parent = self.stack[-1] if self.stack else None
        number = self.strings.setdefault(number, number)
        context = self._context(depth)
        siblings = parent.children if parent else self.roots
        if siblings and siblings[-1].context == context:
            context = siblings[-1].context  # siblings share their context list (it is never changed)
        item = _Item(depth, number, [first], parent, context, style, is_heading, no=first.no)
        if self.items and self.items[-1] is not parent:
            # The item before this one (closed already) is no parent of it, so it never will be one: no
            # path names it, and its first line (the text again) is let go now rather than at the end.
            self.items[-1].lines = ()
        if siblings:
            siblings.append(item)
        elif parent:
            parent.children = [item]
        else:
            self.roots.append(item)
        self.stack.append(item)
        self.items.append(item)
        self.entries.append(item)

    def _number_before_digits(self, numbered: Numbered) -> Numbered | None:
        """``11.121人才梯队项目``: item 11 when the list it continues is at 10 (else 11.121 is a number);
        ``1.2023年…`` where no such list has begun yet."""
        if numbered.style not in self.styles:
            return numbered if numbered.number == "1" else None  # 1.2023年6月底前…: a list's first item
        depth = self.styles.index(numbered.style)
        if self.last_value.get(depth, 0) + 1 != int(numbered.number) or depth > len(self.stack):
            return None
        return numbered

    preamble_headings = True  # until the first section: the preamble's last short lines head it

    def _take_preamble_headings(self) -> None:
        """Short lines after the title and the opening paragraph head the first items (texts with no
        numbered headings: 加强思想教育 / 筑牢理想信念 / 1.…)."""
        if not self.preamble_headings or self.stack or self.pending_sub:
            return
        self.preamble_headings = False
        body = [line for line in self.preamble if line.no >= self.body_line]
        run = heading_run(body, 0)
        if run and (len(run) == len(body) or ends_sentence(body[-len(run) - 1].text)):
            self.pending_sub = [squeeze(line.text) for line in run]

    def _context(self, depth: int) -> list:
        if not self.subheads:
            return self.stack[:depth]  # no sub-headings: the open items above, as the loop below gives
        context: list = []
        for d in range(depth + 1):
            if d in self.subheads:
                context.extend(self.subheads[d])
            if d < depth:
                context.append(self.stack[d])
        return context

    def _table(self, table: Table) -> None:
        header = tables.table_header(table.rows)
        if header is None:
            return
        columns, header_rows = header
        depth = len(self.stack)
        if self.pending_sub:
            self.subheads[depth] = self.pending_sub
            self.pending_sub = None
        context = self._context(depth)
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
        lines = item.lines
        if not looks_cut(lines[0].text):
            item.lines = lines[:1]  # all its heading reads; the rest live on in ``split`` where needed
        # Short lines after a finished sentence (or a unit bracket) head the items after this one.
        run = heading_run(lines, 1) if len(lines) > 1 else ()
        if run and ends_sentence(lines[-len(run) - 1].text):
            lines = lines[: -len(run)]
        else:
            run = []
        if item.is_heading:
            item.split = ItemSplit(list(lines), Fields())
        else:
            for family in ITEM_FAMILIES:
                if split := family.read(lines):
                    break
            item.split = split or ItemSplit(list(lines), Fields())
            if self.first_leads and item.split.tail:
                inline.first_leads(item.split.fields)
        if run:
            tail = item.split.after_lines
        elif item.split.fields.any():
            tail = item.split.after_lines
            run = heading_run(tail, 0) if tail else ()
        else:
            # A heading's own lines: its last short lines may be the first sub-headings of its children.
            # (A task of labels alone, "1.牵头单位：", has no text line at all.)
            text_lines = item.split.text_lines
            start = 1 if text_lines and not looks_cut(text_lines[0].text) else len(text_lines)
            run = heading_run(text_lines, start)
            if run:
                del text_lines[-len(run) :]
            tail = []
        if run:
            self.pending_sub = [squeeze(line.text) for line in run]
            if tail and tail[-len(run) :] == run:
                tail = tail[: -len(run)]
        # Kept until the end as little as the tasks need: the text joined, no empty lists of its own.
        split = item.split
        split.after_lines = tail or ()
        split.own = join_wrapped([line.text for line in split.text_lines])
        split.text_lines = ()
        if not split.warnings:
            split.warnings = ()

    def finish(self) -> Outline:
        self._close_current()
        tasks: list[Task] = []
        last_number: dict[int, int] = {}
        final = self.items[-1] if self.items else None
        for item in self.items:
            item.has_fields = item.split.fields.any()
        self.task_styles = {i.style for i in self.items if not i.is_heading and i.has_fields}
        titles: dict[_Item, str] = {}
        shared: dict = {}  # see ``_task``
        context: list | None = None  # the last task's context, and its path and numbers below
        path: list[str] = []
        numbers: list[str] = []
        # Taken from the list, and each item's lines let go once read (its ancestors, the only ones to read
        # them too, come before it): what the tasks do not keep is freed as they are made.
        entries = self.entries
        entries.reverse()
        self.entries = []
        rows_path = None  # the last table row's path, and the shared path and numbers it stands for
        while entries:
            entry = entries.pop()
            if type(entry) is tables.TableTask:
                e = entry
                if e.path is not rows_path:  # rows under one section share their lists (``read_rows``)
                    rows_path = e.path
                    key = (tuple(e.path), tuple(e.numbers))
                    shared_path, shared_numbers = shared.get(key) or shared.setdefault(
                        key, (e.path, e.numbers)
                    )
                tasks.append(
                    shared_task(e.number, shared_path, e.text, e.line, e.fields, shared_numbers, shared)
                )
                continue
            split = entry.split
            if not self._is_task(entry):
                _let_go(entry)
                continue
            text = strip_stray_quotes(split.own)
            if entry.children:  # a task whose sub-points hold no task: they are part of its text
                text = squeeze(text + "".join(_full_text(child) for child in entry.children))
            # Siblings share their ancestors: each heading is read once, not once per task under it, and
            # siblings' one context list (``_open``) is turned into a path once.
            if entry.context is not context:
                context = entry.context
                path = [
                    c if isinstance(c, str) else (titles.get(c) or titles.setdefault(c, c.heading))
                    for c in context
                ]
                numbers = ["" if isinstance(c, str) else c.number for c in context]
            tasks.append(_task(entry.number, path, text, entry.no, split.fields, numbers, shared))
            self.warnings.extend(split.warnings)
            if not split.fields.has_units():
                self.warnings.append(
                    ParseWarning(entry.no, "no_unit", "任务没有责任单位 / the task names no responsible unit")
                )
            if split.after_lines and entry is not final:
                self.warnings.extend(
                    ParseWarning(line.no, "unrecognised_line", "无法识别的行 / a line that fits nothing")
                    for line in split.after_lines
                )
            self._check_sequence(entry, last_number)
            _let_go(entry)
        self.warnings.sort(key=lambda w: w.line)
        for item in self.items:  # items point at their parents and children: free them without the GC
            item.children = ()
        return Outline(tasks, self.warnings, self.preamble)

    def _is_task(self, item: _Item) -> bool:
        if item.is_heading:
            return False
        if item.has_fields:
            return True
        if item.style in self.task_styles:
            return not any(self._holds_task(child) for child in item.children)
        if item.children:
            return False
        return self._has_task_child(item.parent)

    def _holds_task(self, item: _Item) -> bool:
        return (not item.is_heading and (item.has_fields or item.style in self.task_styles)) or any(
            self._holds_task(child) for child in item.children
        )

    def _has_task_child(self, parent: _Item | None) -> bool:
        """Whether any child of ``parent`` (the roots for ``None``) has fields of its own. Kept per parent,
        so a list of n leaves costs n looks rather than n² (every leaf asked about all its siblings)."""
        key = id(parent)
        if key not in self.task_parents:
            siblings = parent.children if parent else self.roots
            self.task_parents[key] = any(s.has_fields for s in siblings)
        return self.task_parents[key]

    def _check_sequence(self, item: _Item, last_number: dict[int, int]) -> None:
        value = int(item.number) if item.number.isdigit() else cn_to_int(item.number)
        previous = last_number.get(item.depth)
        if value is not None and previous is not None and (gap := number_gap(item.no, previous, value)):
            self.warnings.append(gap)
        if value is not None:
            last_number[item.depth] = value


def _let_go(item: _Item) -> None:
    """Drop what no task after ``item`` reads: its split (the task has taken its text and fields; whether
    it had fields is ``has_fields``) and context, and its lines unless it heads others (the items under it,
    later in the document, name it in their path)."""
    item.split = None
    item.context = ()
    if not item.children:
        item.lines = ()


def _full_text(item: _Item) -> str:
    return item.printed + item.split.own + "".join(_full_text(child) for child in item.children)


def heading_run(lines: list[Line], start: int) -> list[Line]:
    """The sub-heading lines at the end of ``lines[start:]``, outermost first."""
    k = len(lines)
    while k > start and _is_subheading(lines[k - 1].text):
        k -= 1
    return lines[k:]


def ends_sentence(text: str) -> bool:
    return is_terminated(text) or text.rstrip(" 。；;，,").endswith(("）", ")"))


def _is_subheading(text: str) -> bool:
    return (
        len(text) <= _SUBHEADING_MAX
        and not is_terminated(text)
        and not looks_cut(text)
        and "：" not in text
        and ":" not in text
        and not (text[:1] in "（(" and text[-1:] in "）)")  # a note under the title: （2023年3月1日通过）
    )


def _task(
    number: str, path: list[str], text: str, line: int, fields: Fields, numbers: list[str], shared: dict
) -> Task:
    """``shared``: one plan's section paths, numbers and deadlines, each kept once. The tasks under one
    heading share its path lists, and the hundredth "12" or 长期坚持 is the first one's string — a third of
    the result's size for a big plan (the lists are read, never changed, by every caller)."""
    key = (tuple(path), tuple(numbers))
    path, numbers = shared.get(key) or shared.setdefault(key, (path, numbers))
    return shared_task(number, path, text, line, fields, numbers, shared)


def shared_task(
    number: str, path: list[str], text: str, line: int, fields: Fields, numbers: list[str], shared: dict
) -> Task:
    """``_task`` for a ``path`` and ``numbers`` already taken from ``shared``."""
    return flat_task(number, path, text, line, fields.flat(), numbers, shared)


def flat_task(
    number: str, path: list[str], text: str, line: int, flat, numbers: list[str], shared: dict
) -> Task:
    """``shared_task`` for fields given flat (``Fields.flat``'s order)."""
    lead, cooperating, responsible, leaders, persons, given = flat
    # The two readers' own first tests, made here: most tasks name no 《title》 and no date before 前.
    deadline = given or (deadline_in_text(text) if "前" in text else None)
    number = shared.setdefault(number, number)
    if deadline is not None:
        deadline = shared.setdefault(deadline, deadline)
    # Positional, in the order of Task's fields: number, section_path, text, line, section_numbers, lead,
    # cooperating, responsible, leaders, persons, deadline, deadline_from_text, regulations.
    return Task(
        number,
        path,
        text,
        line,
        numbers,
        lead,
        cooperating,
        responsible,
        leaders,
        persons,
        deadline,
        deadline is not None and given is None,
        find_regulations(text) if "《" in text else NO_NAMES,
    )
