"""Unit lists as printed after a label: ``市纪委、市委组织部、区司法局等有关单位``."""

from __future__ import annotations

import re
from functools import lru_cache

from .text import squeeze
from .wildcards import is_wildcard

__all__ = ["is_wildcard", "looks_like_local_unit", "looks_like_unit", "split_units", "unit_names"]

_OPEN, _CLOSE = "（([【〔《", "）)]】〕》"
_OPEN_T, _CLOSE_T = tuple(_OPEN), tuple(_CLOSE)
_SEPARATORS = "、，,；;／/"
# Fragments that only make sense attached to the unit before them (seed 000: ``…领导小组 各成员单位``).
_ATTACHED = re.compile(r"^(?:各?成员单位|及其?办公室|办公室|各成员)$")
# ``X等有关单位`` names X and the open-ended rest; ``X等`` names X alone.
_ETC = re.compile(r"^(?P<unit>.+?)等(?P<rest>(?:有关|相关|其他|其它)(?:单位|部门)|(?:单位|部门))?$")
_JUNK = " \t.。，,、；;：:‘’“”'\"`·…!！?？-—_*#"


def split_units(value: str, *, spaces_separate: bool = True) -> tuple[list[str], bool]:
    """Unit names from a label's value, and whether the list ends in a dangling separator."""
    names, dangling = _split_units(value, spaces_separate)
    return list(names), dangling


@lru_cache(maxsize=2048)
def unit_names(value: str) -> tuple[str, ...]:
    """``split_units(value)[0]`` as a tuple, for callers that only add the names to a field: a value seen
    before is answered by the cache without a Python call (and one not seen goes through one cache, not
    this one and ``_split_units``'s)."""
    return _split(value, True)[0]


def _split(value: str, spaces_separate: bool) -> tuple[tuple[str, ...], bool]:
    """``split_units``'s names as a tuple and whether the list dangles."""
    value = value.strip()
    dangling = bool(value) and value.rstrip(" ’‘'\".。")[-1:] in _SEPARATORS
    if not _NOT_A_PLAIN_LIST.search(value):
        # Most lists: names already clean, between 、 only. Each looked up in one dict (in C), which gives
        # the name's one string, shared by every task naming it.
        found = tuple(map(_CLEAN.get, value.split("、")))  # None for "" or a name not seen yet
        if None not in found:
            # A unit named twice keeps its first place, as below.
            return (tuple(dict.fromkeys(found)) if len(set(found)) < len(found) else found), dangling
    names: list[str] = []
    for fragment in _split_top_level(
        value if spaces_separate else value.replace(" ", "").replace("\u3000", "")
    ):
        found = _names(fragment)
        if len(_CLEAN) < _CLEAN_MAX and found == (fragment,):
            _CLEAN[fragment] = found[0]
        for name in found:
            if name not in names:
                names.append(name)
    return tuple(names), dangling


# A plan repeats its lists (牵头单位：区纪委监委; 长期坚持): each value is split once.
_split_units = lru_cache(maxsize=2048)(_split)

_PLAIN_SPLIT = re.compile(f"[{_SEPARATORS}]")
# Anything in a list but 、 that splits it or needs ``_split_top_level``'s care.
_NOT_A_PLAIN_LIST = re.compile(f"[{re.escape(_SEPARATORS.replace('、', '') + _OPEN + _CLOSE)} \u3000]")
# Fragments that are one unit name as printed (``_names(f) == (f,)``), so a list of them is its own split;
# each to the one string ``_names`` gave for it.
_CLEAN: dict[str, str] = {}
_CLEAN_MAX = 8192
_NEEDS_CARE = re.compile(f"[{re.escape(_OPEN + _CLOSE)} \u3000]")


def _split_top_level(value: str) -> list[str]:
    """Split at separators and runs of spaces that are not inside brackets."""
    if not _NEEDS_CARE.search(value):
        return [p for p in _PLAIN_SPLIT.split(value) if p]  # the common case: no brackets, no spaces
    parts: list[str] = []
    depth, current = 0, []
    for ch in value:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and (ch in _SEPARATORS or ch in " \u3000"):
            parts.append("".join(current))
            current = [ch] if ch in " \u3000" else []
            continue
        current.append(ch)
    parts.append("".join(current))
    merged: list[str] = []
    for part in parts:
        spaced = part[:1] in " \u3000"
        part = part.strip()
        if not part:
            continue
        # A space separates two units unless the second half cannot stand alone.
        if spaced and merged and _ATTACHED.match(part):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


@lru_cache(maxsize=8192)
def _names(fragment: str) -> tuple[str, ...]:
    """The names one fragment of a list stands for. A plan names the same few dozen units hundreds of
    times: each fragment is cleaned once, and every task naming it shares the one string."""
    return tuple(name for name in _expand(_clean(fragment)) if name)


def _clean(name: str) -> str:
    name = squeeze(name).replace(" ", "").strip(_JUNK)
    if name.endswith(_CLOSE_T) and _balance(name) < 0:
        name = name[:-1]
    if name.startswith(_OPEN_T) and _balance(name) > 0:
        name = name[1:]
    return name.strip(_JUNK)


def _balance(text: str) -> int:
    return sum(ch in _OPEN for ch in text) - sum(ch in _CLOSE for ch in text)


def _expand(name: str) -> list[str]:
    m = _ETC.match(name)
    if m is None:
        return [name]
    rest = m.group("rest") or ""
    return [m.group("unit"), rest] if rest[:2] in ("有关", "相关", "其他", "其它") else [m.group("unit")]


_UNIT_SUFFIXES = (
    "委员会",
    "办公室",
    "领导小组",
    "小组",
    "中心",
    "公司",
    "支行",
    "分行",
    "分局",
    "单位",
    "部门",
    "政府",
    "党委",
    "党组",
    "法院",
    "检察院",
    "派出所",
    "银行",
    *"委部局办院会室团联处所站社馆校队厅署组庭科股司",
)
_TRAILING_BRACKET = re.compile(r"[（(][^）)]*[）)]$")
_REGION_PREFIX = re.compile(r"^(?:[省市区县镇乡]|XX|[\u4e00-\u9fff]{1,6}[省市区县])")


@lru_cache(maxsize=8192)
def looks_like_unit(name: str) -> bool:
    """A name that ends the way unit names end (…局, …委, …办公室): tells a unit list from prose."""
    if not 1 < len(name) <= 40 or "。" in name:
        return False
    if name[-1] in "）)":
        name = _TRAILING_BRACKET.sub("", name)  # 各县（市、区）纪委 ends in 委; …办公室（筹） too
    return name.endswith(_UNIT_SUFFIXES)


def looks_like_local_unit(name: str) -> bool:
    """A unit name that also starts with a place (区纪委, 市委组织部), for bracket lists with no verb."""
    return looks_like_unit(name) and bool(_REGION_PREFIX.match(name))
