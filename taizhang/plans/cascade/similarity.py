"""How alike two task texts are: character bigrams of the normalised text, cosine over the two sets.

Chinese needs no word splitting for this: two tasks that carry out one another share most of their
two-character runs (党风廉政、责任追究、公务接待…). The normalising takes out what every task says and what
differs only by level: the unit names the task prints, boilerplate verbs (负责、牵头、加强、进一步…), and
the level words 省/市/区/县 (全市 and 全区, 市纪委 and 区纪委 read the same). Pure Python, no Django; a
150 × 150 plan pair is one set intersection per pair (``benchmarks``: ``cascade``)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

THRESHOLD = 0.35  # below it two texts are not offered as carrying one another out
LIMIT = 3  # candidates shown for a task

_BOILERPLATE = (
    "牵头单位", "配合单位", "责任单位", "协办单位", "责任领导", "完成时限", "各单位", "各级", "负责", "牵头",
    "配合", "协办", "参与", "进一步", "认真", "切实", "深入", "扎实", "大力", "积极", "不断", "全面",
    "加强", "坚持", "推进", "贯彻", "落实", "研究", "制订", "制定", "建立", "健全", "完善", "我", "XX",
)  # fmt: skip
_BOILERPLATE_RE = re.compile("|".join(sorted(map(re.escape, _BOILERPLATE), key=len, reverse=True)))
_LEVEL = re.compile(r"[省市区县]")
_RUN = re.compile(r"[\u4e00-\u9fff\uff0a0-9A-Za-z]+")  # runs between punctuation; ＊ is a level word


def normalise(text: str, *, names: Iterable[str] = ()) -> str:
    """``text`` without the unit ``names`` it prints, boilerplate or level words (kept as ＊)."""
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, " ")
    return _LEVEL.sub("＊", _BOILERPLATE_RE.sub(" ", text))


def bigrams(text: str, *, names: Iterable[str] = ()) -> frozenset[str]:
    """The two-character runs of the normalised text, never across punctuation; a lone character counts
    as itself so that a very short text is not empty."""
    grams: set[str] = set()
    for run in _RUN.findall(normalise(text, names=names)):
        if len(run) == 1:
            grams.add(run)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    grams.discard("＊＊")
    return frozenset(grams)


def score(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of two bigram sets: 1 for the same set, 0 for nothing shared."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def suggest(
    lower: Sequence[frozenset[str]],
    upper: Sequence[frozenset[str]],
    *,
    threshold: float = THRESHOLD,
    limit: int = LIMIT,
) -> list[list[tuple[int, float]]]:
    """For each lower set, the indexes of the upper sets at or above ``threshold`` with their scores, the
    best first, at most ``limit``; ties go to the earlier upper task, so the answer never varies."""
    sizes = [math.sqrt(len(u)) for u in upper]
    found = []
    for grams in lower:
        if not grams:
            found.append([])
            continue
        root = math.sqrt(len(grams))
        scored = [
            (round(len(grams & u) / (root * size), 3), j)
            for j, (u, size) in enumerate(zip(upper, sizes, strict=True))
            if size
        ]
        best = sorted(((s, j) for s, j in scored if s >= threshold), key=lambda sj: (-sj[0], sj[1]))
        found.append([(j, s) for s, j in best[:limit]])
    return found
