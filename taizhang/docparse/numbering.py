"""Outline numbering as printed in Chinese official documents: 一、 （一） 1. （1） ⑴ ① 第一章 第一条.

Each match gives a *style* (two numbers of one style are siblings) and the number without its decoration.
Which style is the outer one is not fixed — documents differ — so the structure module nests styles in
the order they first appear.
"""

from __future__ import annotations

import re
from typing import NamedTuple

CN_DIGITS = "一二三四五六七八九十百零〇两"
_CN = f"[{CN_DIGITS}]+"

_PATTERNS = [
    ("chapter", rf"第(?P<n>{_CN}|\d+)章"),
    ("part", rf"第(?P<n>{_CN}|\d+)[部节]分?"),
    ("article", rf"第(?P<n>{_CN}|\d+)条"),
    ("cn", rf"(?P<n>{_CN})[、．.]"),
    ("cn_paren", rf"[（(](?P<n>{_CN})[）)][、．.]?"),
    ("arabic_paren", r"[（(](?P<n>\d{1,3})[）)][、．.]?"),
    ("arabic_paren", r"(?P<n>[\u2474-\u2487])"),  # ⑴ … ⒇
    ("circled", r"(?P<n>[\u2460-\u2473])"),  # ① … ⑳
    ("arabic", r"(?P<n>\d{1,3})(?:[.．、](?![\d%％])|[)）](?![\d%％]))"),
]
# One alternation, so a line costs one regex call; the group names tell which style matched.
_NUMBER = re.compile(
    r"\s*(?:"
    + "|".join(f"(?P<s{i}>{p.replace('(?P<n>', f'(?P<n{i}>')})" for i, (_, p) in enumerate(_PATTERNS))
    + r")\s*"
)
STYLE_OF_GROUP = {f"s{i}": style for i, (style, _) in enumerate(_PATTERNS)}


class Numbered(NamedTuple):
    style: str
    number: str
    rest: str
    # ``11.121…``: only a candidate (``match_number_before_digits``); the structure module decides.
    candidate: bool = False


def match_number(line: str) -> Numbered | None:
    """The outline number at the start of ``line``, or None."""
    m = _NUMBER.match(line)
    if m is None:
        return None
    group = m.lastgroup
    # lastgroup is the outer style group because it closes last.
    style = STYLE_OF_GROUP[group]
    index = group[1:]
    number = m.group(f"n{index}")
    rest = line[m.end() :]
    if not rest:
        return None  # a bare number is a page number or a typo, not an item
    return Numbered(style, plain_number(number), rest)


def plain_number(number: str) -> str:
    """⑴ → 1, ① → 1; other numbers are returned as printed."""
    code = ord(number[0]) if len(number) == 1 else 0
    if 0x2474 <= code <= 0x2487:
        return str(code - 0x2474 + 1)
    if 0x2460 <= code <= 0x2473:
        return str(code - 0x2460 + 1)
    return number


_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def cn_to_int(text: str) -> int | None:
    """二十三 → 23, 一百零五 → 105; None when ``text`` is not a Chinese numeral."""
    total, current = 0, 0
    for ch in text:
        if ch in _CN_VALUES:
            current = _CN_VALUES[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


_BEFORE_DIGITS = re.compile(r"\s*(?P<n>\d{1,3})[.．、](?=\d)")


def match_number_before_digits(line: str) -> Numbered | None:
    """``11.121人才梯队项目`` read as item 11 of the arabic list. Only a candidate: 3.5亿元 starts the same
    way, so the structure module takes it only where the list it would continue is at 10."""
    m = _BEFORE_DIGITS.match(line)
    if m is None:
        return None
    return Numbered("arabic", m.group("n"), line[m.end() :])


# Both of the above in one pattern, the candidate last: a line's number costs one regex call, not two.
LINE_NUMBER = re.compile(f"{_NUMBER.pattern}|{_BEFORE_DIGITS.pattern}")


_new = tuple.__new__

# Every number style above starts with one of these, or with a digit (``\\d``: any decimal digit).
NUMBER_FIRSTS = "第（(" + CN_DIGITS + "".join(map(chr, range(0x2460, 0x2488)))


def read_number(line: str) -> Numbered | None:
    """``match_number(line)``, else ``match_number_before_digits(line)`` marked as a candidate — in one
    call (the structure module asks it of every line). A line whose first character can start no number
    (most lines) is passed over without trying the alternation."""
    first = line[:1]
    if not (first in NUMBER_FIRSTS or first.isdecimal() or first.isspace()):
        return None
    m = LINE_NUMBER.match(line)
    if m is None:
        return None
    group = m.lastgroup
    rest = line[m.end() :]
    if group == "n":
        return _new(Numbered, ("arabic", m.group("n"), rest, True))
    if not rest:
        return None
    # Made as a tuple in C: the named tuple's own constructor is a Python function, one call per item.
    return _new(Numbered, (STYLE_OF_GROUP[group], plain_number(m.group(f"n{group[1:]}")), rest, False))
