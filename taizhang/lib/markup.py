"""HTML written in Python by the template tags of the hot pages (the ledger's lights and badges, the
dashboard's tables, the coverage cells, the rows of 我的任务 and 报送周期): one escape for all of them, and
``url_around`` to link every row of a table to the same view reversed once.

``escape`` is Django's ``conditional_escape`` without its lazy-string wrapper and ``SafeString`` (called some
2,000 times for a page of the plan ledger): a value with ``__html__`` is already safe; anything else is
escaped as Django's ``escape`` does (the standard library's ``html.escape``, quotes included)."""

from __future__ import annotations

import html

from django.urls import reverse


def escape(value) -> str:
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def url_around(name: str, *args, last) -> tuple[str, str]:
    """``reverse(name, args=[*args, last])`` split around ``last``'s text, for a table whose rows each link
    to the same view with their own last argument (an id, a period's start): reversed once a page, each row
    then puts its own value between the two parts. ``last`` is a value the URL writes as its ``str`` (ints,
    dates) and whose text appears nowhere else in the URL."""
    before, found, after = reverse(name, args=[*args, last]).rpartition(str(last))
    if not found:
        raise ValueError(f"{name}: {last!r} is not written as its text in the URL")
    return before, after
