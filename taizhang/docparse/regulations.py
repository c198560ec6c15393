"""Regulations (制度) a task names as 《title》, with what the task does with each."""

from __future__ import annotations

import re

from .model import Regulation

# The verb nearest before a title decides; titles listed together (《A》、《B》) share it.
_ACTIONS = (
    ("制定", ("研究制定", "研究制订", "制定", "制订", "出台", "起草", "建立")),
    ("修订", ("修订", "修改", "修正")),
    ("完善", ("完善", "健全", "补充", "细化")),
    ("贯彻", ("贯彻", "落实", "执行", "实施", "遵守", "根据", "依据", "按照", "学习", "宣传")),
)
_VERB = re.compile("|".join(sorted((v for _, vs in _ACTIONS for v in vs), key=len, reverse=True)))
_ACTION_OF_VERB = {v: action for action, verbs in _ACTIONS for v in verbs}
_CLAUSE_END = "。；;！？"


def find_regulations(text: str) -> list[Regulation]:
    if "《" not in text:
        return []
    found: list[Regulation] = []
    seen: set[str] = set()
    for start, end in _titles(text):
        title = text[start + 1 : end].strip()
        if not title or title in seen:
            continue
        seen.add(title)
        clause_start = max(text.rfind(ch, 0, start) for ch in _CLAUSE_END) + 1
        before = _strip_titles(text[clause_start:start])
        verbs = _VERB.findall(before)
        found.append(Regulation(title, _ACTION_OF_VERB[verbs[-1]] if verbs else "涉及"))
    return found


def _titles(text: str) -> list[tuple[int, int]]:
    """Outermost 《…》 spans; inner 《》 or <> belong to the title."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    return spans


def _strip_titles(text: str) -> str:
    # Verbs inside an earlier title (《…制定条例》) are not the task's verb.
    return re.sub(r"《[^》]*》", "", text)
