"""The parser is linear in the document's size: a plan ten times longer costs about ten times the time,
not a hundred (``structure._Builder._is_task`` once asked every leaf about all its siblings).

A timed test on purpose (issue 11): the bound is generous (< 40×, best of five, the two sizes taken in turn so
a busy moment hits both, CPU time of this process rather than wall time) so a shared 2-core box passes — a
wall-clock bound of 25× failed once at 25.3× with the machine loaded —, while the old quadratic cost (~100×)
fails it."""

import gc
import time

from taizhang.docparse import parse_text

_SECTIONS = "一二三四五"


def _plan(per_list: int) -> str:
    """Five sections, each a list of ``per_list`` items without a unit and a last one with a unit: every
    item is a leaf whose sibling holds a task, the case that was quadratic. (A list stops at 999.)"""
    lines = ["关于印发党风廉政建设责任分解的通知"]
    for number in _SECTIONS:
        lines.append(f"{number}、加强制度建设")
        lines += [f"{n}.落实第{n}项工作要求。" for n in range(1, per_list + 1)]
        lines.append(f"{per_list + 1}.完善廉政制度。牵头单位：区纪委")
    return "\n".join(lines) + "\n"


def _seconds(text: str) -> float:
    """One parse, timed with the cyclic GC paused: its full collections scan the whole process heap, which
    holds whatever earlier tests left, so they would measure the test run rather than the parser."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        parse_text(text)
        return time.process_time() - start
    finally:
        gc.enable()


def test_ten_times_the_numbered_lines_cost_about_ten_times_the_time():
    small, large = _plan(90), _plan(900)
    assert len(parse_text(large).tasks) == 5 * 901  # every item is a task (most with a "no unit" warning)
    small_times, large_times = [], []
    for _ in range(5):
        small_times.append(_seconds(small))
        large_times.append(_seconds(large))
    ratio = min(large_times) / min(small_times)
    assert ratio < 40, f"10× the input took {ratio:.1f}× the time"
