"""The two commonest tails read with one match each, their fields written straight as a tuple:

    1.加强廉政文化建设。（牵头单位：区纪委；配合单位：区委宣传部、区文化局）   labels, between ； only
    2.完善信访举报制度（区信访局牵头，区纪委配合）。                           one or two verb clauses

``read_tail(text)`` gives what ``inline.read_text`` gives for such a line — the text without its tail, and
the fields as ``FLAT`` orders them (``Fields.flat``) — or None for any other line, which then goes to
``inline.read_text``: None here never means "no tail". Every shape it takes is one ``inline``'s general reader
reads the same way (``tests/docparse/test_tail_match.py`` compares the two); anything that reader weighs
with care (a 由 or a deadline opening a clause, 会同, a name that does not look like a unit, notes, spaces,
half-width separators, a bracket inside the tail) is left to it.
"""

from __future__ import annotations

import re

from . import NO_NAMES
from .inline import _CLAUSE_SPLIT, _DEADLINE, _NOT_SIMPLE, _OTHER_BREAKS, _clause, simple_labels

_ROLES = ("lead", "responsible", "cooperating")

# (lead, cooperating, responsible, leaders, persons, deadline): ``Fields.flat``'s order.
FLAT = ("lead", "cooperating", "responsible", "leaders", "persons", "deadline")

# The one bracket at the end (nothing bracketed inside) and what trails it (``inline._TAIL``); searched
# for, so the text before it is skipped in C, not matched and backtracked over.
_TAIL = re.compile(r"[（(]([^（()）]*)[）)]([ 。；;.，,]*)\Z")
# Before the tail, a colon or a closing bracket: a label outside it (``plain``'s ``_colons_in_bracket``),
# or a bracket whose reading ``inline`` weighs. Such lines go the general way.
_BEFORE_TAIL = re.compile(r"[：:）)]")


def read_tail(text: str) -> tuple[str, tuple] | None:
    """(text without its tail, flat fields), or None: ask ``inline.read_text``. Lines with a colon or a
    closing bracket before the tail are left to it too: on the others, every colon is inside the tail."""
    m = _TAIL.search(text)
    if m is None or _BEFORE_TAIL.search(text, 0, m.start()):
        return None
    content, end = m.groups()
    if "：" in content:
        flat = None if _NOT_SIMPLE.search(content) else simple_labels(content)
    else:
        flat = _verbs(content)
    if flat is None:
        return None
    return text[: m.start()].rstrip() + end.strip(), flat


def _verbs(content: str) -> tuple | None:
    """``inline._read_verbs`` for a tail whose every clause names a role (区纪委牵头，区财政局配合) or a
    deadline, each clause read by ``inline``'s cached ``_clause``; None for anything else (a verbless
    group, 会同 helpers, a note, an empty clause)."""
    got: dict[str, object] = {}
    for clause in _CLAUSE_SPLIT.split(content) if _OTHER_BREAKS.search(content) else content.split("，"):
        read = _clause(clause)
        if read is None:
            return None
        kind, value, helpers = read
        if kind is _DEADLINE:
            got[kind] = value
        elif kind not in _ROLES or helpers:
            return None
        elif before := got.get(kind):
            before.extend(n for n in value if n not in before)  # ``Fields.add``
        else:
            got[kind] = list(value)
    get = got.get
    flat = (get("lead", NO_NAMES), get("cooperating", NO_NAMES), get("responsible", NO_NAMES))
    flat += (NO_NAMES, NO_NAMES, get("deadline"))
    return flat if any(flat) else None
