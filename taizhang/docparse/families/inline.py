"""Family 2: units in brackets at the end of the task.

1.加强廉政文化建设。（牵头单位：区纪委；配合单位：区委宣传部、区文化局）
2.完善信访举报制度（区信访局牵头，区纪委配合，2021年6月底前完成）。
3.规范公务接待（区机关事务局负责）
"""

from __future__ import annotations

import re

from ..text import join_wrapped
from ..units import looks_like_local_unit, looks_like_unit, split_units
from . import LABEL, Fields, ItemSplit, Line, deadline_clause, label_field

_VERB = re.compile(
    r"^(?:由)?(?P<units>.+?)(?P<verb>牵头负责|牵头|负责落实|负责|配合|协办|协助|参与|参加|落实)$"
)
_ROLE_OF_VERB = {
    "牵头负责": "lead",
    "牵头": "lead",
    "负责落实": "responsible",
    "负责": "responsible",
    "落实": "responsible",
}
_CLAUSE_SPLIT = re.compile(r"[；;，,]")
_TAIL = " 。；;.，,"


def read(lines: list[Line]) -> ItemSplit | None:
    if not lines[-1].text.rstrip(_TAIL).endswith(("）", ")")):
        return None  # most items: no bracket at the end, nothing to join
    text = join_wrapped([line.text for line in lines])
    body = text.rstrip(_TAIL)
    tail = text[len(body) :].strip()
    if not body.endswith(("）", ")")):
        return None
    start = _matching_open(body)
    if start is None:
        return None
    fields = _read_bracket(body[start + 1 : -1])
    if fields is None:
        return None
    rest = body[:start].rstrip() + tail
    return ItemSplit([Line(lines[0].no, rest)], fields)


def _matching_open(body: str) -> int | None:
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        ch = body[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return i
    return None


def _read_bracket(content: str) -> Fields | None:
    """The fields a bracket holds, or None when it is ordinary text such as （境） or （党组）."""
    fields = Fields()
    matches = list(LABEL.finditer(content))
    if matches:
        if content[: matches[0].start()].strip(" ；;，,"):
            return None
        for m, nxt in zip(matches, [*matches[1:], None], strict=True):
            value = content[m.end() : nxt.start() if nxt else len(content)]
            field = label_field(m)
            if field == "deadline":
                fields.deadline = value.strip(" 。；;，,") or None
                continue
            # A deadline can trail the last list without a label: …；2021年底前完成
            head, *clauses = re.split(r"[；;]", value)
            for clause in clauses:
                when = deadline_clause(clause)
                if when:
                    fields.deadline = when
                else:
                    head += "、" + clause
            fields.add(field, split_units(head)[0])
        return fields if fields.any() else None
    for clause in _CLAUSE_SPLIT.split(content):
        clause = clause.strip()
        if not clause:
            continue
        when = deadline_clause(clause)
        if when:
            fields.deadline = when
            continue
        m = _VERB.match(clause)
        names = split_units(m.group("units") if m else clause)[0]
        if m and names and all(looks_like_unit(n) or n.startswith("各") for n in names):
            fields.add(_ROLE_OF_VERB.get(m.group("verb"), "cooperating"), names)
        elif not m and names and all(looks_like_local_unit(n) for n in names):
            fields.add("responsible", names)
        else:
            return None
    return fields if fields.any() else None
