"""Deadlines written inside a task's text (2025年6月底前出台…, 每年年底前报送…), for tasks whose plan gives
no deadline column, label or bracket. Only a phrase that ends in 前 (before) counts: 每年开展一次 is a
frequency, 至2024年 a goal, neither a deadline.
"""

from __future__ import annotations

import re

_PERIOD = r"(?:上旬|中旬|下旬|底|末)"
_IN_TEXT = re.compile(
    r"(?<![\d年月])(?:"
    rf"(?:\d{{4}}|今|明)年(?:\d{{1,2}}月(?:\d{{1,2}}日|{_PERIOD})?|年?底|年?末|上半年|下半年)"
    rf"|每年(?:年底|年初|年末|上半年|下半年|\d{{1,2}}月(?:\d{{1,2}}日|{_PERIOD})?)"
    rf"|每季度末|每半年|每月底"
    rf"|\d{{1,2}}月(?:\d{{1,2}}日|{_PERIOD})?"
    r"|年底|年内"
    r")(?:以前|之前|前)"
)


def deadline_in_text(text: str) -> str | None:
    """The first deadline phrase in ``text`` as printed (…2025年6月底前出台… → 2025年6月底前), or None."""
    if "前" not in text:
        return None
    m = _IN_TEXT.search(text)
    return m.group(0) if m else None
