"""A circular's title broken into lines at word boundaries (GB/T 9704-2012 7.3.3: 标题回行时，要做到词意
完整，排列对称，长短适宜). Word breaks a 2号 title wherever the 20th character falls, splitting 党风|廉政;
here the break goes where a word ends — after punctuation, after 关于 or a year, around the common words of
an office's titles and the names the caller knows (its units) — choosing the split whose longest line is
shortest, so the lines come out of even length. Plain Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

LINE = 20  # characters of 2号 (22 pt) in the 156 mm 版心

# Words of official titles a break may fall before or after; longer ones first so 党风廉政建设 wins over 建设.
WORDS = (
    "党风廉政建设", "全面从严治党", "惩治和预防腐败体系", "明查暗访", "主体责任", "监督责任", "责任制",
    "责任清单", "工作方案", "实施方案", "实施意见", "专项整治", "专项检查", "监督检查", "督查检查",
    "考核结果", "检查结果", "考核", "检查", "督查", "巡察", "审计", "整改", "落实", "情况", "结果", "工作",
    "专项", "问题", "通报", "通知", "意见", "决定", "任务", "分工", "年度", "季度", "上半年", "下半年",
)  # fmt: skip
_AFTER = re.compile(r"关于|[、，,；;：:）)》”」]|\d{4}年度?|第[一二三四]季度|的")
_BEFORE = re.compile(r"关于|[（(《“「]")
_UNBREAKABLE = re.compile(r"《[^》]*》|（[^）]*）|\d+|[A-Za-z]+")


def width(text: str) -> float:
    """Printed width in characters: Arabic digits and Latin letters take half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _boundaries(title: str, names: Iterable[str]) -> set[int]:
    cuts: set[int] = set()
    for match in _AFTER.finditer(title):
        cuts.add(match.end())
    for match in _BEFORE.finditer(title):
        cuts.add(match.start())
    for word in (*sorted(names, key=len, reverse=True), *WORDS):
        for match in re.finditer(re.escape(word), title):
            cuts.update((match.start(), match.end()))
    inside = set()
    for word in (*names, *WORDS):
        for match in re.finditer(re.escape(word), title):
            inside.update(range(match.start() + 1, match.end()))
    for match in _UNBREAKABLE.finditer(title):
        inside.update(range(match.start() + 1, match.end()))
    if title.endswith(("通报", "通知")):  # never 的 | 通报 alone on the last line
        inside.update(range(len(title) - 3, len(title)))
    return {cut for cut in cuts if 0 < cut < len(title) and cut not in inside}


def title_lines(title: str, *, names: Iterable[str] = (), line: int = LINE) -> tuple[str, ...]:
    """``title`` as the lines to print. ``names`` are words never to split (the units' names)."""
    title = "".join(title.split())
    if width(title) <= line:
        return (title,)
    names = tuple(n for n in names if n)
    cuts = sorted(_boundaries(title, names))
    best = _best(title, tuple(cuts), line)
    if best is None:  # no word boundary fits: any place but inside a number or a quoted name
        inside = {i for m in _UNBREAKABLE.finditer(title) for i in range(m.start() + 1, m.end())}
        best = _best(title, tuple(i for i in range(1, len(title)) if i not in inside), line)
    if best is None:
        return (title,)
    return tuple(title[a:b] for a, b in zip((0, *best), (*best, len(title)), strict=True))


def _best(title: str, cuts: tuple[int, ...], line: int) -> tuple[int, ...] | None:
    """The fewest lines, then the smallest longest line, then the longest first line (a title reads as
    a pyramid standing on its head rather than on a point)."""

    @cache
    def split(start: int, lines: int) -> tuple[tuple[float, float], tuple[int, ...]] | None:
        rest = title[start:]
        if lines == 1:
            w = width(rest)
            return ((w, -w), ()) if w <= line else None
        found = None
        for cut in cuts:
            if cut <= start or width(title[start:cut]) > line:
                continue
            tail = split(cut, lines - 1)
            if tail is None:
                continue
            w = width(title[start:cut])
            key = (max(w, tail[0][0]), -w)
            if found is None or key < found[0]:
                found = (key, (cut, *tail[1]))
        return found

    for lines in range(2, 6):
        if (result := split(0, lines)) is not None:
            return result[1]
    return None
