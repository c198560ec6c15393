"""泛称: the words a plan prints for a group of units (各单位, 各街道办事处, 各县（市、区）, 有关单位)
and what each means. Written once here, read by the import (``plans.importing.wildcards``) and the unit
matcher.

A word either names everyone (各单位), names units by their kind (各街道 → street; the kinds are the codes of
``units.Unit.Kind``, kept here as plain strings because docparse imports no Django), names the units of the
regions one level down (各县（市、区）), or is vague (有关单位, 相关部门): the office has to choose its units.
A word that reads as a group but is not in the table (各成员单位, 各派出所) is vague too: nothing is expanded
on a guess. To teach the import a new word, add a line to ``TABLE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALL, KINDS, LOWER_REGIONS, VAGUE = "all", "kinds", "lower_regions", "vague"

# Kind groups a word may name; the values are ``Unit.Kind`` codes.
DEPARTMENTS = ("party", "government")  # 党委部门 + 政府部门: what 各部门 means in a plan


@dataclass(frozen=True, slots=True)
class Wildcard:
    """What a printed group word means: ``scope`` is ALL, KINDS (``kinds`` says which), LOWER_REGIONS (every
    unit of the regions one level below the plan's) or VAGUE (the office chooses)."""

    word: str  # the canonical word of the table line
    scope: str
    kinds: tuple[str, ...] = ()

    @property
    def vague(self) -> bool:
        return self.scope == VAGUE


# (scope, kinds, words): the first word of a line is its canonical form, the rest its synonyms.
TABLE: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (ALL, (), ("各单位", "全区各单位", "全市各单位", "全县各单位", "各级各单位", "各级各部门", "各地各部门")),
    (ALL, (), ("各级党组织",)),
    (KINDS, ("street",), ("各街道办事处", "各街道", "各街道办", "街道办事处", "街道办", "各街道党工委")),
    (KINDS, ("township",), ("各乡镇", "各镇", "各乡", "各乡镇人民政府", "各乡镇政府", "各乡镇党委")),
    (
        KINDS,
        ("township", "street"),
        (
            "各乡镇（街道）",
            "各镇（街道）",
            "各乡镇街道",
            "各镇街",
            "镇街",
            "各乡镇（街道办事处）",
            "各街道（乡镇）",
        ),
    ),
    (KINDS, DEPARTMENTS, ("各部门", "区直各部门", "市直各部门", "县直各部门", "各职能部门")),
    (KINDS, ("party",), ("各党委部门", "区委各部门", "市委各部门", "县委各部门")),
    (KINDS, ("government",), ("各政府部门", "区政府各部门", "市政府各部门", "县政府各部门")),
    (KINDS, ("mass",), ("各人民团体", "各群团组织")),
    (KINDS, ("enterprise",), ("各企业", "各国有企业")),
    (KINDS, ("institution",), ("各事业单位",)),
    (KINDS, ("vertical",), ("各垂管单位", "各垂直管理部门")),
    (
        LOWER_REGIONS,
        (),
        (
            "各县（市、区）",
            "各区县",
            "各县区",
            "各县市区",
            "各县（区）",
            "各县（市）区",
            "各县市",
            "各市区",
            "各区",
            "各县",
        ),
    ),
    (
        VAGUE,
        (),
        (
            "有关单位",
            "各有关单位",
            "相关单位",
            "各相关单位",
            "其他单位",
            "其它单位",
            "其他有关单位",
            "其他相关单位",
            "有关部门",
            "各有关部门",
            "相关部门",
            "各相关部门",
            "其他部门",
            "各成员单位",
        ),
    ),
)

_BRACKETS = str.maketrans({"(": "（", ")": "）", ",": "、", "，": "、"})
_SPACE = re.compile(r"\s+")


def normal_form(name: str) -> str:
    """The form a word is looked up in: no spaces, full-width brackets, 、 between the places."""
    return _SPACE.sub("", name).translate(_BRACKETS)


def _index() -> dict[str, Wildcard]:
    index: dict[str, Wildcard] = {}
    for scope, kinds, words in TABLE:
        meaning = Wildcard(word=words[0], scope=scope, kinds=kinds)
        for word in words:
            key = normal_form(word)
            if key in index:
                raise ValueError(f"wildcard word listed twice: {word}")
            index[key] = meaning
    return index


_WORDS = _index()


def read_wildcard(name: str) -> Wildcard | None:
    """What ``name`` means when it stands for a group of units; ``None`` for the name of one unit. A word
    the table does not know but that reads as a group (各…, …有关单位) is vague."""
    key = normal_form(name)
    known = _WORDS.get(key)
    if known is not None:
        return known
    if key.startswith("各") or key.endswith(("有关单位", "相关单位", "有关部门", "相关部门")):
        return Wildcard(word=key, scope=VAGUE)
    return None


def is_wildcard(name: str) -> bool:
    """Whether a name stands for a group of units (各单位) rather than one unit."""
    return read_wildcard(name) is not None
