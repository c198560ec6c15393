"""The common text plan read in one flat pass: numbered items, each one line long, whose units are a tail in
brackets (``1.加强…。（区纪委牵头，区财政局配合）``) or label lines under it (``牵头单位：…``), under numbered
headings (一、 （一）), with a preamble and a footer.

``build_plain`` gives exactly the ``Outline`` that ``structure.build`` gives for such a plan, without its
per-item objects (``_Item``, ``ItemSplit``) and per-line calls: items are rows of one list, their fields read
by the families' own functions (``inline.read_text``, ``labels.collect``), and which items are tasks is
decided by the same rules over that list. A wrapped item goes through the families' general readers
(``labels.read``, ``inline.read``). Anything else in the plan — a line under an item that neither a family
nor the footer takes, sub-headings between items, a number before digits (``11.121…``), a stated
convention (排在第一位的…牵头) — makes it return None, and the general builder reads the plan.
``tests/docparse/test_plain.py`` checks the two agree.
"""

from __future__ import annotations

from functools import lru_cache

from .families import FIELD_OF_GROUP as _FIELD_OF_GROUP
from .families import LABEL, NO_NAMES, Fields, Line, inline, labels
from .families.labels import labels_outside_brackets
from .families.tail_match import read_tail
from .model import ParseWarning, number_gap
from .numbering import LINE_NUMBER, NUMBER_FIRSTS, STYLE_OF_GROUP, cn_to_int, plain_number
from .structure import Outline, ends_sentence, flat_task, heading_run
from .text import join_wrapped, looks_cut, squeeze, strip_stray_quotes

_TAIL_CLOSERS = ("）", ")")
_TAIL_STRIP = " 。；;.，,"

_LABEL_MATCH = LABEL.match
_NUMBER_MATCH = LINE_NUMBER.match
_QUOTES = "‘“’”'\"`"  # the only last characters ``strip_stray_quotes`` takes off
_NO_UNIT = "任务没有责任单位 / the task names no responsible unit"
_NO_FIELDS = (NO_NAMES, NO_NAMES, NO_NAMES, NO_NAMES, NO_NAMES, None)  # ``Fields().flat()``

# An item: one list, read by index.
_DEPTH, _STYLE, _NUMBER, _PRINTED, _NO, _REST, _EXTRA, _PARENT, _CHILDREN, _CONTEXT = range(10)
_FIELDS, _OWN, _WARNINGS, _ANY, _VALUE = range(10, 15)


def build_plain(lines: list[Line], body_line: int = 0) -> Outline | None:
    """The outline of a plan of lines only (no table, no styled heading), or None when it is not of the
    layout above. The caller makes sure no line states which unit leads (``inline.states_first_leads``)."""
    preamble: list[Line] = []
    items: list[list] = []
    roots: list[list] = []
    styles: list[str] = []
    stack: list[list] = []
    item: list | None = None  # the open item
    numbers: dict[tuple[str, str], tuple] = {}  # (group, printed) → ``number_read``
    for line in lines:
        text = line[1]
        first = text[:1]
        if first in NUMBER_FIRSTS or first.isdecimal():
            # ``read_number``, here: one match of the number styles' one pattern.
            m = _NUMBER_MATCH(text)
            if m is not None and (rest := text[m.end() :]):
                group = m.lastgroup
                if group == "n":
                    return None  # 11.121…: the general builder weighs it against the list it continues
                # A plan prints each number (12.) many times over: read once, kept once.
                key = (group, text[: m.end()])
                known = numbers.get(key)
                if known is None:
                    known = numbers[key] = number_read(m, group, text[: m.end()])
                style, number, printed, value = known
                if not items and preamble_heads(preamble, body_line):
                    return None
                if style in styles:
                    depth = styles.index(style)
                    del styles[depth + 1 :]
                    del stack[depth:]
                else:
                    depth = len(styles)
                    styles.append(style)
                parent = stack[-1] if stack else None
                siblings = parent[_CHILDREN] if parent else roots
                # Siblings share their ancestors' list (read, never changed): a path is made once for them.
                context = siblings[-1][_CONTEXT] if siblings else stack.copy()
                # Its lines under it (``_EXTRA``): a tuple until it has one, as most items never do.
                item = [depth, style, number, printed, line[0], rest, ()]
                item += (parent, None, context, None, "", (), False, value)
                if siblings is None:
                    parent[_CHILDREN] = [item]
                else:
                    siblings.append(item)
                stack.append(item)
                items.append(item)
                continue
        if item is None:
            preamble.append(line)
        elif item[_EXTRA]:
            item[_EXTRA].append(line)
        else:
            item[_EXTRA] = [line]
    if not items:
        return None
    final = items[-1]
    task_styles = set()  # the styles of the items with fields (``_Builder.finish``)
    for item in items:
        rest = item[_REST]
        if not item[_EXTRA]:
            # One line with a common tail and no colon or closing bracket before it (most items): read with
            # one match. A line joined (``join_wrapped``) is the line squeezed; ``squeeze`` keeps a text with
            # no space.
            text = squeeze(rest) if " " in rest else rest
            read = read_tail(text)
            if read is not None:  # with fields, always
                own = read[0]
                item[_FIELDS] = read[1]
                item[_OWN] = squeeze(own) if " " in own else own
                item[_ANY] = True
                task_styles.add(item[_STYLE])
                continue
        if item[_EXTRA] or (("：" in rest or ":" in rest) and not _colons_in_bracket(rest)):
            if not _close(item, item is final):
                return None
            if item[_FIELDS] is not None and any(item[_FIELDS]):
                item[_ANY] = True
                task_styles.add(item[_STYLE])
            continue
        # One line, no colon outside a bracket: its tail (``inline.read``), or no fields.
        if rest.rstrip(_TAIL_STRIP).endswith(_TAIL_CLOSERS):
            read = _read_text(text)
            if read is not None:
                own = read[0]
                item[_FIELDS] = read[1]
                item[_OWN] = squeeze(own) if " " in own else own
                if any(read[1]):
                    item[_ANY] = True
                    task_styles.add(item[_STYLE])
                continue
        item[_OWN] = text
    return _finish(items, roots, preamble, task_styles)


def _read_text(text: str) -> tuple[str, tuple] | None:
    """``inline.read_text`` with its fields flat (``Fields.flat``)."""
    read = inline.read_text(text)
    return None if read is None else (read[0], read[1].flat())


def number_read(m, group: str, head: str) -> tuple[str, str, str, int | None]:
    """(style, number, number as printed, its value) of a numbered line, as ``read_number`` reads them."""
    number = m.group("n" + group[1:])
    if len(number) == 1 and "\u2460" <= number <= "\u2487":
        number = plain_number(number)
    value = int(number) if number.isdigit() else cn_to_int(number)
    return STYLE_OF_GROUP[group], number, head.strip(), value


def preamble_heads(preamble: list[Line], body_line: int) -> bool:
    """Whether the preamble's last short lines head the first items (``_Builder._take_preamble_headings``)."""
    body = [line for line in preamble if line.no >= body_line]
    run = heading_run(body, 0)
    return bool(run) and (len(run) == len(body) or ends_sentence(body[-len(run) - 1].text))


def convention_stated(lines: list[Line]) -> bool:
    """Whether a line states that the first unit of a list leads (``inline.states_first_leads``), which
    the general builder applies from that line on. Its pattern holds no line break: one search over the
    lines joined finds what a search per line would."""
    joined = "\n".join([line[1] for line in lines])
    return ("第一" in joined or "首位" in joined) and inline.FIRST_LEADS.search(joined) is not None


def _close(item: list, final: bool) -> bool:
    """Read the item's fields as ``_Builder._close_current`` does; False where that would leave
    sub-headings or unrecognised lines for the items after it."""
    rest = item[_REST]
    extra = item[_EXTRA]
    if not extra:
        if ("：" in rest or ":" in rest) and not _colons_in_bracket(rest) and labels_outside_brackets(rest):
            return False  # labels on the task's own line
        return _close_line(item, rest)
    if not ("：" in rest or ":" in rest):
        # The label family's own shape: one label opening each line under the task (牵头单位：…), its
        # colon the line's only one. The last line has a colon, so no sub-heading ends the item.
        values = []
        for line in extra:
            read = _label_line(line[1])
            if read is None:
                break
            values.append((read[0], line, [read[1]]))
        else:
            item[_FIELDS], item[_WARNINGS] = labels.collect_flat(values)
            item[_OWN] = join_wrapped([rest])
            return True
    lines = [Line(item[_NO], rest), *extra]
    run = heading_run(lines, 1)
    trimmed = bool(run) and ends_sentence(lines[-len(run) - 1].text)
    if trimmed:
        if not final:
            return False  # sub-headings for the items after it
        lines = lines[: -len(run)]
        if len(lines) == 1:
            return _close_line(item, rest)
    split = labels.read(lines)
    if split is not None:
        own = _own_lines(split.text_lines, split.fields, trimmed)
        if not final and ((split.after_lines and split.fields.any()) or own is not split.text_lines):
            return False  # unrecognised lines, or a heading's last lines heading its children
        item[_FIELDS] = split.fields.flat()
        item[_WARNINGS] = split.warnings
        item[_OWN] = join_wrapped([line.text for line in own])
        return True
    read = None
    if _ends_in_tail(lines[-1].text):
        read = inline.read_text(join_wrapped([line.text for line in lines]))
    if read is not None:
        item[_FIELDS] = read[1].flat()
        item[_OWN] = join_wrapped([read[0]])
        return True
    # No fields: a heading and its paragraph (一、指导思想 / 以…为指导，…), or a task naming no unit.
    own = _own_lines(lines, None, trimmed)
    if not final and own is not lines:
        return False  # its last short lines head its children: the general builder's sub-headings
    item[_OWN] = join_wrapped([line.text for line in own])
    return True


@lru_cache(maxsize=4096)  # a plan repeats its label lines (完成时限：长期坚持): each is matched once
def _label_line(text: str) -> tuple[str, str] | None:
    """(field, value) of a line that one label opens, its colon the line's only one; None for any other."""
    m = _LABEL_MATCH(text)
    if m is None:
        return None
    value = text[m.end() :]
    return None if "：" in value or ":" in value else (_FIELD_OF_GROUP[m.lastgroup], value)


def _own_lines(text_lines: list[Line], fields: Fields | None, trimmed: bool) -> list[Line]:
    """An item's text lines less the short lines at their end that head its children (no fields, no
    sub-headings taken off already)."""
    if trimmed or (fields is not None and fields.any()):
        return text_lines
    start = 1 if text_lines and not looks_cut(text_lines[0].text) else len(text_lines)
    heads = heading_run(text_lines, start)
    return text_lines[: -len(heads)] if heads else text_lines


def _ends_in_tail(text: str) -> bool:
    return text.rstrip(_TAIL_STRIP).endswith(_TAIL_CLOSERS)


def _colons_in_bracket(text: str) -> bool:
    """Every colon of ``text`` inside one bracket (…。（牵头单位：…；配合单位：…）), so no label lies outside
    one: ``labels_outside_brackets``'s own first test, without its generators."""
    i, j = text.find("："), text.find(":")
    first = j if i < 0 else i if j < 0 else min(i, j)
    head = text[: max(text.rfind("："), text.rfind(":"))]
    before = text[:first]
    return ("（" in before or "(" in before) and "）" not in head and ")" not in head


def _close_line(item: list, rest: str) -> bool:
    """An item of one line: its tail, if it has one (``inline.read``)."""
    if _ends_in_tail(rest):
        read = inline.read_text(join_wrapped([rest]))
        if read is not None:
            item[_FIELDS] = read[1].flat()
            item[_OWN] = join_wrapped([read[0]])
            return True
    item[_OWN] = join_wrapped([rest])
    return True


def _finish(items: list[list], roots: list[list], preamble: list[Line], task_styles: set[str]) -> Outline:
    """``_Builder.finish`` over the rows, ``task_styles`` and ``_ANY`` set as their fields were read."""
    tasks = []
    warnings: list[ParseWarning] = []
    last_number: dict[int, int] = {}
    headings: dict[int, str] = {}
    shared: dict = {}
    context = None
    path: list[str] = []
    numbers: list[str] = []
    has_task_child: dict[int, bool] = {}
    for item in items:
        fields = item[_FIELDS]
        children = item[_CHILDREN]
        if item[_ANY]:
            pass
        elif item[_STYLE] in task_styles:
            if children and any(_holds_task(child, task_styles) for child in children):
                continue
        elif children:
            continue
        else:
            parent = item[_PARENT]
            key = id(parent)
            if key not in has_task_child:
                has_task_child[key] = any(s[_ANY] for s in (parent[_CHILDREN] if parent else roots))
            if not has_task_child[key]:
                continue
        flat = fields or _NO_FIELDS
        own = item[_OWN]
        text = strip_stray_quotes(own) if own[-1:] in _QUOTES else own.rstrip()
        if children:
            text = squeeze(text + "".join(map(_full_text, children)))
        if item[_CONTEXT] is not context:
            context = item[_CONTEXT]
            path = [_heading(c, headings) for c in context]
            numbers = [c[_NUMBER] for c in context]
            key = (tuple(path), tuple(numbers))
            path, numbers = shared.get(key) or shared.setdefault(key, (path, numbers))
        no = item[_NO]
        tasks.append(flat_task(item[_NUMBER], path, text, no, flat, numbers, shared))
        if item[_WARNINGS]:
            warnings.extend(item[_WARNINGS])
        if not (flat[0] or flat[1] or flat[2]):  # ``has_units``: lead, cooperating, responsible
            warnings.append(ParseWarning(no, "no_unit", _NO_UNIT))
        value = item[_VALUE]
        depth = item[_DEPTH]
        previous = last_number.get(depth)
        if value is not None:
            if previous is not None and value != 1 and value != previous + 1:
                warnings.append(number_gap(no, previous, value))
            last_number[depth] = value
    warnings.sort(key=lambda w: w.line)
    return Outline(tasks, warnings, preamble)


def _holds_task(item: list, task_styles: set[str]) -> bool:
    return (
        item[_ANY]
        or item[_STYLE] in task_styles
        or any(_holds_task(child, task_styles) for child in item[_CHILDREN] or ())
    )


def _full_text(item: list) -> str:
    return item[_PRINTED] + item[_OWN] + "".join(map(_full_text, item[_CHILDREN] or ()))


def _heading(item: list, cache: dict[int, str]) -> str:
    """``_Item.heading``: the first line, and the lines after it while each is cut mid-phrase."""
    key = id(item)
    if key not in cache:
        texts = [item[_REST]]
        if looks_cut(item[_REST]):
            for line in item[_EXTRA]:
                if not looks_cut(texts[-1]):
                    break
                texts.append(line.text)
        cache[key] = squeeze(join_wrapped(texts)).rstrip("：:。")
    return cache[key]
