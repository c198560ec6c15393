"""HTML written in Python by the template tags of the hot pages (the ledger's lights and badges, the
dashboard's tables, the coverage cells): one escape for all of them.

``escape`` is Django's ``conditional_escape`` without its lazy-string wrapper and ``SafeString`` (called some
2,000 times for a page of the plan ledger): a value with ``__html__`` is already safe; anything else is
escaped as Django's ``escape`` does (the standard library's ``html.escape``, quotes included)."""

from __future__ import annotations

import html


def escape(value) -> str:
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
