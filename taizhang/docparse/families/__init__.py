"""Layout families: the ways a plan says who is responsible for a task.

An *item family* reads the lines of one numbered item and, when it recognises its layout, splits them
into the task text and the fields (units, deadline, people). A new family is one module here with a
``read(lines) -> ItemSplit | None`` function, added to ``ITEM_FAMILIES``. Tables are read whole by
``tables`` because their rows are tasks already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

from ..model import ParseWarning


class Line(NamedTuple):
    no: int
    text: str


# The one empty list that every field naming no one holds, and the tasks made from it (most name no
# leaders, persons or regulations: a big plan's hundred thousand empty lists were a fifth of its result).
# Never changed: ``Fields.add`` and ``Fields.put`` give a field its own list when names come. A caller that
# forgets to copy before changing a task's list gets an error, not every other task's names changed.
class _NoNames(list):
    """An empty list that refuses to change (still a ``list``: equal to ``[]``, serialised as one)."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("a parsed task's empty name list is shared by every task: copy it before changing")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


NO_NAMES: list = _NoNames()
_NO_NAMES = repeat(NO_NAMES).__next__  # a default factory in C, not a Python call per field


@dataclass(slots=True)
class Fields:
    lead: list[str] = field(default_factory=_NO_NAMES)
    cooperating: list[str] = field(default_factory=_NO_NAMES)
    responsible: list[str] = field(default_factory=_NO_NAMES)
    leaders: list[str] = field(default_factory=_NO_NAMES)
    persons: list[str] = field(default_factory=_NO_NAMES)
    deadline: str | None = None

    def has_units(self) -> bool:
        return bool(self.lead or self.cooperating or self.responsible)

    def flat(self) -> tuple:
        """The fields as one tuple (lead, cooperating, responsible, leaders, persons, deadline): what the
        flat reader (``plain``) keeps of an item and makes its task from."""
        return self.lead, self.cooperating, self.responsible, self.leaders, self.persons, self.deadline

    def any(self) -> bool:
        return bool(
            self.lead or self.cooperating or self.responsible or self.leaders or self.persons or self.deadline
        )

    def add(self, role: str, names: list[str] | tuple[str, ...]) -> None:
        target = getattr(self, role)
        if target is NO_NAMES:
            if not names:
                return
            target = []
            setattr(self, role, target)
        for name in names:
            if name not in target:
                target.append(name)

    def put(self, role: str, names: list[str] | tuple[str, ...]) -> None:
        """``add`` for names each given once already (a list split by ``units``): an empty field takes
        them as a list of its own, made at its size."""
        if getattr(self, role):
            self.add(role, names)
        elif names:
            setattr(self, role, list(names))


@dataclass(slots=True)
class ItemSplit:
    text_lines: list[Line]
    fields: Fields
    after_lines: list[Line] = field(default_factory=list)  # lines after the field block
    warnings: list[ParseWarning] = field(default_factory=list)
    tail: bool = False  # the fields came from a bracket after the text (``inline.first_leads`` applies)
    # ``text_lines`` joined, once the structure module has closed the item (and emptied ``text_lines``).
    own: str = ""


def _spaced(word: str) -> str:
    # Typists space labels out to align them: 牵 头 单 位.
    return r"\s*".join(word)


# Label words per field, longest first inside each alternation so 责任人员 wins over 责任人.
LABELS: dict[str, tuple[str, ...]] = {
    "lead": ("牵头责任单位", "牵头单位", "牵头部门", "主办单位", "主抓单位", "指导部门", "指导单位"),
    "cooperating": (
        "协办单位",
        "配合单位",
        "协助单位",
        "参与单位",
        "参加单位",
        "协同单位",
        "配合部门",
        "协办部门",
        "协作单位",
        "参与部门",
        "协同部门",
    ),
    "responsible": (
        "责任单位",
        "负责单位",
        "责任部门",
        "负责部门",
        "主责单位",
        "主责部门",
        "承办单位",
        "实施单位",
        "落实单位",
        "责任主体",
    ),
    "leaders": ("责任领导", "分管领导", "牵头领导", "包保领导"),
    "persons": ("具体责任人", "责任人员", "责任人", "经办人"),
    "deadline": (
        "完成时限",
        "时间要求",
        "完成时间",
        "时限要求",
        "完成期限",
        "时间节点",
        "时间安排",
        "进度安排",
        "时间进度",
        "时限",
    ),
}
_FIELD_OF_LABEL = {word: f for f, words in LABELS.items() for word in words}
_ALTERNATION = "|".join(
    f"(?P<l{i}>{_spaced(w)})" for i, w in enumerate(sorted(_FIELD_OF_LABEL, key=len, reverse=True))
)
_WORD_OF_GROUP = {f"l{i}": w for i, w in enumerate(sorted(_FIELD_OF_LABEL, key=len, reverse=True))}
_LABEL_FIRSTS = "".join(sorted({word[0] for word in _FIELD_OF_LABEL}))
# A label counts where a clause starts: line start, after a space or after sentence punctuation. The
# lookahead first: a position whose character cannot begin a label (nearly all of them) fails on one set
# test instead of trying the forty spaced-out words — a search over a line costs a fifth of what it did.
LABEL = re.compile(
    rf"(?=[【\[{_LABEL_FIRSTS}])(?:^|(?<=[\s。；;，,、]))[【\[]?(?:{_ALTERNATION})[】\]]?\s*[：:]\s*"
)


def label_field(match: re.Match) -> str:
    """The field a LABEL match names (``FIELD_OF_GROUP[match.lastgroup]``)."""
    return FIELD_OF_GROUP[match.lastgroup]


FIELD_OF_GROUP = {group: _FIELD_OF_LABEL[word] for group, word in _WORD_OF_GROUP.items()}


DEADLINE = re.compile(
    r"(?:长期坚持|长期|持续推进|常态化推进|持续开展|经常性工作|"
    r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上旬|中旬|下旬|上半年|下半年|年底|年末|月底|底|末|初)?"
    r"(?:前|以前|之前)?|(?:每年|每季度|每半年|每月|年内|年底前|年底)[^，,；;。]{0,14})(?:完成|落实到位|到位)?"
)


_DEADLINE_STARTS = "长持常经每年"  # or a digit, in the first two characters


def deadline_clause(text: str) -> str | None:
    """``text`` as a deadline when the whole clause is one (2021年6月底前完成 → 2021年6月底前)."""
    text = text.strip(" 。；;，,")
    if not text:
        return None
    first, second = text[0], text[1:2]
    if not (
        first.isdigit()
        or first in _DEADLINE_STARTS
        or (second and (second.isdigit() or second in _DEADLINE_STARTS))
    ):
        return None  # most clauses (unit lists): no look-up, and nothing kept in the cache below
    return _deadline(text)


@lru_cache(maxsize=1024)  # a plan repeats its deadlines (长期坚持, 每年12月底前): each is read once
def _deadline(text: str) -> str | None:
    if DEADLINE.fullmatch(text) is None:
        return None
    for tail in ("完成", "落实到位", "到位"):
        if text.endswith(tail) and len(text) > len(tail):
            return text[: -len(tail)]
    return text


from . import inline, labels, tables  # noqa: E402  (the families use the names above)

ITEM_FAMILIES = (labels, inline)
__all__ = ["ITEM_FAMILIES", "Fields", "ItemSplit", "Line", "tables"]
