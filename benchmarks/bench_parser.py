"""Parser throughput on ≥1,000 generated plans, against the floor of a bare line split with one regex.

Targets (issue 2): at least 5 MB/s, and within 3× of the floor.
"""

from __future__ import annotations

import re
import time
import tracemalloc

from benchmarks.plans import corpus
from taizhang.docparse import parse

_FLOOR_REGEX = re.compile(r"\s*(?:\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]+[）)]|牵头单位[：:])")


def _floor(docs: list[bytes]) -> int:
    hits = 0
    for data in docs:
        for line in data.decode("utf-8").splitlines():
            if _FLOOR_REGEX.match(line):
                hits += 1
    return hits


def _parse_all(docs: list[bytes]) -> None:
    # One at a time, as an import does: results are dropped, not piled up for the collector to scan.
    for data in docs:
        parse(data)


def _best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(count: int = 1000) -> None:
    docs = corpus(count)
    size_mb = sum(map(len, docs)) / 1e6
    tasks = sum(len(parse(d).tasks) for d in docs)
    parse_s = _best_of(3, lambda: _parse_all(docs))
    floor_s = _best_of(3, lambda: _floor(docs))
    tracemalloc.start()
    for d in docs[:100]:
        parse(d)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"parser: {count} plans, {size_mb:.1f} MB, {tasks} tasks")
    print(f"  parse      {parse_s:6.2f} s   {size_mb / parse_s:6.1f} MB/s   {tasks / parse_s:8.0f} tasks/s")
    print(
        f"  floor      {floor_s:6.2f} s   {size_mb / floor_s:6.1f} MB/s   (decode + line split + one regex)"
    )
    print(f"  ratio      {parse_s / floor_s:6.1f}×  (target ≤ 3×; throughput target ≥ 5 MB/s)")
    print(f"  peak memory while parsing one plan at a time: {peak / 1e6:.1f} MB")
