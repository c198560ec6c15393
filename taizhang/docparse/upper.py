"""The upper documents (上级文件) a plan says it carries out, from its preamble: 为深入贯彻落实中央《…》、
省委《…》及市委《…》…，制定本意见. The titles in 《》 of the preamble's sentences that carry something out
(贯彻, 落实, 根据, 按照, 依据), without the short names (以下简称《工作规划》). The plans app matches them to
the published plans above the plan's region (``plans.cascade.upper``)."""

from __future__ import annotations

import re

_TITLE = re.compile(r"《([^《》]{2,100})》")
_SHORT_NAME = re.compile(r"[（(]\s*以下简称[^）)]*[）)]")
_CARRYING_OUT = ("贯彻", "落实", "根据", "按照", "依据")


def upper_titles(texts: list[str]) -> list[str]:
    """Each title once, in the order printed (the highest level usually first)."""
    found: dict[str, None] = {}
    for text in texts:
        if not any(word in text for word in _CARRYING_OUT):
            continue
        for m in _TITLE.finditer(_SHORT_NAME.sub("", text)):
            found.setdefault("".join(m.group(1).split()), None)
    return list(found)
