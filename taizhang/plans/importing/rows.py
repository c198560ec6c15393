"""Plan rows from preview tasks: the section tree, tasks with stable keys, their regulations. Unsaved
objects for ``bulk_create``; no queries here except the bulk inserts ``create_sections`` makes."""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date

from taizhang.plans.importing.preview import PreviewTask
from taizhang.plans.models import Plan, Section, Task, TaskRegulation

ACTIONS = {
    "制定": TaskRegulation.Action.CREATE,
    "修订": TaskRegulation.Action.REVISE,
    "完善": TaskRegulation.Action.IMPROVE,
    "贯彻": TaskRegulation.Action.IMPLEMENT,
    "涉及": TaskRegulation.Action.MENTION,
}
_KEY_MAX = Task._meta.get_field("key").max_length
# 2021年6月底前, 2021年6月30日前, 2021年底: one date, read only when it is the whole deadline.
_DATE = re.compile(r"^(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?(?:底|末)?(?:前|以前|之前)?$")


def create_sections(plan: Plan, tasks: list[PreviewTask], orders: dict) -> dict[tuple, Section]:
    """Save the headings above ``tasks`` as a tree, one bulk insert per depth. ``orders`` maps a path
    key to its place in the document (see ``document_order``). Returns path key → section."""
    by_depth: dict[int, dict[tuple, Section]] = {}
    for key, order in orders.items():
        if key[0] != "section":
            continue
        path = key[1]
        number, title = path[-1]
        section = Section(plan=plan, number=number[:20], title=title[:300] or number, order=order)
        by_depth.setdefault(len(path), {})[path] = section
    saved: dict[tuple, Section] = {}
    for depth in sorted(by_depth):
        level = by_depth[depth]
        for path, section in level.items():
            section.parent = saved.get(path[:-1])
        Section.objects.bulk_create(level.values())
        saved.update(level)
    return saved


def document_order(tasks: list[PreviewTask]) -> dict:
    """Places in the document, shared by sections and tasks as the plan tree shows them:
    ("section", path) and ("task", index) → order from 1."""
    orders: dict = {}
    for index, task in enumerate(tasks):
        path = section_key(task)
        for depth in range(1, len(path) + 1):
            orders.setdefault(("section", path[:depth]), len(orders) + 1)
        orders[("task", index)] = len(orders) + 1
    return orders


def section_key(task: PreviewTask) -> tuple[tuple[str, str], ...]:
    numbers = task.section_numbers + [""] * (len(task.section_path) - len(task.section_numbers))
    return tuple((n.strip(), t.strip()) for n, t in zip(numbers, task.section_path, strict=False))


def task_keys(tasks: list[PreviewTask]) -> list[str]:
    """The stable key of each task: the printed numbers of its headings and its own number
    (二/一/3). An unnumbered sub-heading stands as its title, an unnumbered task as its place under its
    heading (#2). A key printed twice gets ~2, ~3 …; a key too long for the column ends in a digest."""
    keys: list[str] = []
    seen: set[str] = set()
    unnumbered: dict[tuple, int] = {}
    for task in tasks:
        path = section_key(task)
        number = task.number.strip()
        if not number:
            unnumbered[path] = unnumbered.get(path, 0) + 1
            number = f"#{unnumbered[path]}"
        key = "/".join([*(n or t for n, t in path), number])
        if len(key) > _KEY_MAX:
            key = key[: _KEY_MAX - 17] + "~" + hashlib.sha256(key.encode()).hexdigest()[:16]
        base, copy = key, 1
        while key in seen:
            copy += 1
            key = f"{base[: _KEY_MAX - 6]}~{copy}"
        seen.add(key)
        keys.append(key)
    return keys


def regulations_for(task: Task, printed: list[dict[str, str]]) -> list[TaskRegulation]:
    """One row per title (the first action printed wins); unknown actions count as 涉及."""
    rows: dict[str, TaskRegulation] = {}
    for item in printed:
        title = item["title"].strip("《》 ")[:200]
        if title and title not in rows:
            action = ACTIONS.get(item["action"], TaskRegulation.Action.MENTION)
            rows[title] = TaskRegulation(task=task, title=title, action=action)
    return list(rows.values())


def deadline_date(text: str | None) -> date | None:
    """The date a printed deadline names, when it names exactly one (2021年6月底前 → 2021-06-30)."""
    m = _DATE.match((text or "").strip())
    if m is None:
        return None
    year, month, day = int(m["y"]), int(m["m"] or 12), m["d"]
    try:
        return date(year, month, int(day) if day else calendar.monthrange(year, month)[1])
    except ValueError:
        return None
