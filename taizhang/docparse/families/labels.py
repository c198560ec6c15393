"""Family 1: labels after the task, each on its own line or trailing the task text.

（1）深入开展理想信念和廉洁从政教育。
牵头单位：市委宣传部
协办单位:市纪委、市委组织部
"""

from __future__ import annotations

from functools import lru_cache

from ..model import ParseWarning
from ..units import looks_like_unit, split_units
from . import LABEL, NO_NAMES, Fields, ItemSplit, Line, label_field

_UNIT_FIELDS = ("lead", "cooperating", "responsible")
_NAME_FIELDS = (*_UNIT_FIELDS, "leaders", "persons")


def read(lines: list[Line]) -> ItemSplit | None:
    """Split an item at its first label; None when it has no label at all."""
    # Every label ends in a colon: most lines are passed over here without a call.
    found = [
        labels_outside_brackets(line.text) if "：" in line.text or ":" in line.text else () for line in lines
    ]
    if not any(found):
        return None
    text_lines: list[Line] = []
    after: list[Line] = []
    values: list[tuple[str, Line, list[str]]] = []  # field, label line, value pieces
    for line, matches in zip(lines, found, strict=True):
        if not matches:
            if not values:
                text_lines.append(line)
            elif not after and _continues(values[-1], line.text):
                values[-1][2].append(line.text)
            else:
                after.append(line)
            continue
        head = line.text[: matches[0].start()].strip()
        if head:
            if values and not after:
                values[-1][2].append(head)  # the tail of a wrapped value before the next label
            else:
                text_lines.append(Line(line.no, head))
        for m, nxt in zip(matches, [*matches[1:], None], strict=True):
            end = nxt.start() if nxt else len(line.text)
            values.append((label_field(m), line, [line.text[m.end() : end]]))
    return _collect(text_lines, values, after)


@lru_cache(maxsize=1024)  # a plan has a few dozen distinct label lines, not thousands
def labels_outside_brackets(text: str) -> tuple:
    """Label matches not inside brackets: （牵头单位：…；配合单位：…） is the inline family's. A plan
    repeats its label lines (完成时限：长期坚持, 牵头单位：区纪委监委): each is scanned once."""
    if "：" not in text and ":" not in text:
        return ()  # every label ends in a colon; most lines have none
    if "（" not in text and "(" not in text:
        return tuple(LABEL.finditer(text))  # no bracket: nothing to leave out
    # A label lies outside brackets exactly when its colon does. When a bracket opens before the first
    # colon and none closes before the last, every colon is inside one (…。（牵头单位：…；配合单位：…）).
    first_colon = min(i for i in (text.find("："), text.find(":")) if i >= 0)
    last_colon = max(text.rfind("："), text.rfind(":"))
    opened = [i for i in (text.find("（"), text.find("(")) if i >= 0]
    head = text[:last_colon]
    if opened and min(opened) < first_colon and "）" not in head and ")" not in head:
        return ()
    matches = []
    for m in LABEL.finditer(text):
        before = text[: m.start()]
        if before.count("（") + before.count("(") <= before.count("）") + before.count(")"):
            matches.append(m)
    return tuple(matches)


def _continues(value: tuple[str, Line, list[str]], text: str) -> bool:
    """Whether a label-less line carries on the list above it (a wrapped unit list)."""
    field, _, pieces = value
    if field not in _NAME_FIELDS:
        return False
    last = pieces[-1].rstrip()
    if last.endswith(("、", "，", ",")):
        return True
    # A name cut in two by the wrap: 县人力资 / 源和社会保障局.
    before, _ = split_units(last)
    if before and not looks_like_unit(before[-1]) and looks_like_unit(before[-1] + text.split("、")[0]):
        return True
    # Without a dangling 、 only a list of several unit names counts, never one short phrase.
    names, _ = split_units(text)
    return len(names) > 1 and "。" not in text and all(looks_like_unit(n) for n in names)


def _collect(text_lines: list[Line], values, after: list[Line]) -> ItemSplit:
    fields, warnings = collect(values)
    return ItemSplit(text_lines, fields, after, warnings)


def collect(values) -> tuple[Fields, list[ParseWarning]]:
    """The fields of ``values`` (field, label line, value pieces) and the warnings about them."""
    flat, warnings = collect_flat(values)
    return Fields(*flat), warnings


def collect_flat(values) -> tuple[tuple, list[ParseWarning]]:
    """``collect`` with the fields as one tuple (``Fields.flat``), for the flat reader (``plain``)."""
    got: dict[str, object] = {}
    warnings: list[ParseWarning] = []
    for field, line, pieces in values:
        value = "".join(pieces)
        if field == "deadline":
            value = value.strip(" 。；;，,")
            if value and "deadline" not in got:
                got["deadline"] = value
            continue
        # People's names are padded with spaces to align them (孙　伟): only units split at spaces.
        names, dangling = split_units(value, spaces_separate=field in _UNIT_FIELDS)
        if dangling:
            warnings.append(
                ParseWarning(
                    line.no,
                    "dangling_separator",
                    "单位名单以“、”结尾，可能漏了单位 / the unit list ends with 、: a unit may be missing",
                )
            )
        if not names:
            warnings.append(
                ParseWarning(line.no, "empty_label", "标签后没有内容 / a label with nothing after it")
            )
        if before := got.get(field):
            before.extend(name for name in names if name not in before)  # ``Fields.add``
        elif names:
            got[field] = names  # a list of its own (``split_units``)
    get = got.get
    flat = (get("lead", NO_NAMES), get("cooperating", NO_NAMES), get("responsible", NO_NAMES))
    return (*flat, get("leaders", NO_NAMES), get("persons", NO_NAMES), get("deadline")), warnings
