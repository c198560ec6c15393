"""A standard version's indicator tree as plain data: depth-first order, the leaves that score, and the
checks a version must pass to be released."""

from __future__ import annotations

from collections.abc import Sequence

from taizhang.assessment.models import Indicator


def depth_first(indicators: Sequence[Indicator]) -> list[tuple[Indicator, int]]:
    """(indicator, depth) in reading order: each node followed by its children, by ``order``."""
    children: dict[int | None, list[Indicator]] = {}
    for indicator in sorted(indicators, key=lambda i: (i.order, i.pk)):
        children.setdefault(indicator.parent_id, []).append(indicator)
    out: list[tuple[Indicator, int]] = []

    def visit(parent_id: int | None, depth: int) -> None:
        for node in children.get(parent_id, []):
            out.append((node, depth))
            visit(node.pk, depth + 1)

    visit(None, 0)
    return out


def leaves(indicators: Sequence[Indicator]) -> list[Indicator]:
    """The indicators that score (automatic or manual), in reading order."""
    return [i for i, _ in depth_first(indicators) if i.method != Indicator.Method.GROUP]


def tree_problems(indicators: Sequence[Indicator]) -> list[tuple[str, str]]:
    """(zh, en) for each reason the tree cannot be released: no leaf, a group without children, a leaf with
    children, an automatic leaf without a metric. Codes are unique by the database's constraint."""
    problems = []
    parents = {i.parent_id for i in indicators}
    if not any(i.method != Indicator.Method.GROUP for i in indicators):
        problems.append(("没有计分指标", "it has no scoring indicator"))
    for indicator in indicators:
        if indicator.method == Indicator.Method.GROUP and indicator.pk not in parents:
            problems.append((f"分类“{indicator.code}”下没有指标", f"group {indicator.code} is empty"))
        if indicator.method != Indicator.Method.GROUP and indicator.pk in parents:
            problems.append((f"计分指标“{indicator.code}”不能有下级", f"leaf {indicator.code} has children"))
        if indicator.method == Indicator.Method.AUTO and not indicator.metric:
            problems.append((f"指标“{indicator.code}”缺少计分依据", f"{indicator.code} has no metric"))
    return problems
