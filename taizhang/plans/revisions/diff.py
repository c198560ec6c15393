"""The diff of a revised plan against the live one: which old task each new task is, and what changed.

Pure data in, pure data out (no queries), so it is tested on hand-made versions. A new task is the same
task as an old one when its text is the same (whatever its number), else when the texts are similar enough
(``SIMILAR``; the same key or number adds ``SAME_PLACE`` to the score), best pairs first. What is left is
removed (old) or added (new)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

SIMILAR = 0.6  # text similarity (difflib ratio) from which two tasks are one task reworded
SAME_PLACE = 0.15  # added to the score when the key (or the printed number) is the same
_NOISE = re.compile(r"[\s，,。．.；;：:、（）()“”\"'《》]+")


@dataclass(frozen=True, slots=True)
class TaskSide:
    """One task on one side of the diff. ``units`` maps a unit id to its role; ``names`` a unit id to a
    name to show."""

    key: str
    number: str
    text: str
    deadline: str = ""
    units: dict[int, str] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class Change:
    """One row of the diff. ``kind`` is added, removed, changed or unchanged; ``old``/``new`` are indexes
    into the two lists (None on the side a task is missing from); ``flags`` name what changed."""

    kind: str
    old: int | None
    new: int | None
    flags: list[str] = field(default_factory=list)  # reworded, renumbered, units, deadline
    units_added: list[str] = field(default_factory=list)
    units_removed: list[str] = field(default_factory=list)
    roles_changed: list[str] = field(default_factory=list)
    similarity: float = 1.0


def normalize(text: str) -> str:
    """The text without spaces and punctuation, for telling a reworded task from an unchanged one."""
    return _NOISE.sub("", text)


def diff_tasks(old: list[TaskSide], new: list[TaskSide]) -> list[Change]:
    """Every old and every new task once, in the new document's order with removed tasks after."""
    pairs: dict[int, tuple[int, float]] = {}  # new index → (old index, similarity)
    taken: set[int] = set()
    by_text: dict[str, list[int]] = {}
    for i, task in enumerate(old):
        by_text.setdefault(normalize(task.text), []).append(i)
    for j, task in enumerate(new):
        candidates = [i for i in by_text.get(normalize(task.text), []) if i not in taken]
        if candidates:  # the same text twice: the one at the same place first
            i = next((i for i in candidates if old[i].key == task.key), candidates[0])
            pairs[j] = (i, 1.0)
            taken.add(i)
    scored = []
    for j, task in enumerate(new):
        if j in pairs:
            continue
        for i, was in enumerate(old):
            if i in taken:
                continue
            ratio = difflib.SequenceMatcher(None, normalize(was.text), normalize(task.text)).ratio()
            if ratio >= SIMILAR:
                place = SAME_PLACE if (was.key == task.key or was.number == task.number) else 0.0
                scored.append((ratio + place, ratio, j, i))
    for _score, ratio, j, i in sorted(scored, key=lambda s: (-s[0], s[2], s[3])):
        if j not in pairs and i not in taken:
            pairs[j] = (i, ratio)
            taken.add(i)
    changes = [
        _pair(old[pairs[j][0]], task, pairs[j][0], j, pairs[j][1])
        if j in pairs
        else Change(kind="added", old=None, new=j, units_added=list(task.names.values()))
        for j, task in enumerate(new)
    ]
    changes += [
        Change(kind="removed", old=i, new=None, units_removed=list(task.names.values()))
        for i, task in enumerate(old)
        if i not in taken
    ]
    return changes


def _pair(was: TaskSide, now: TaskSide, i: int, j: int, ratio: float) -> Change:
    change = Change(kind="unchanged", old=i, new=j, similarity=round(ratio, 3))
    if normalize(was.text) != normalize(now.text):
        change.flags.append("reworded")
    if was.key != now.key or was.number != now.number:
        change.flags.append("renumbered")
    change.units_added = [now.names[u] for u in now.units if u not in was.units]
    change.units_removed = [was.names[u] for u in was.units if u not in now.units]
    change.roles_changed = [
        now.names[u] for u in now.units if u in was.units and was.units[u] != now.units[u]
    ]
    if change.units_added or change.units_removed or change.roles_changed:
        change.flags.append("units")
    if (was.deadline or "") != (now.deadline or ""):
        change.flags.append("deadline")
    if change.flags:
        change.kind = "changed"
    return change


def summary(changes: list[Change]) -> dict[str, int]:
    """How many tasks were added, removed, reworded, renumbered, had their units or deadline changed,
    and stayed as they were."""
    counts = dict.fromkeys(
        ("added", "removed", "unchanged", "reworded", "renumbered", "units", "deadline"), 0
    )
    for change in changes:
        if change.kind in ("added", "removed", "unchanged"):
            counts[change.kind] += 1
        for flag in change.flags:
            counts[flag] += 1
    return counts
