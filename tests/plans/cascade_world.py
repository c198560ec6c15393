"""A region tree for 上下贯通: 测试省 / 测试市 with two districts (tests/plans/conftest.py's 测试区 and
东区), the city's published 2020—2024 plan made from the demo's file (its 27 tasks, no ledger), and helpers.

Model imports stay inside functions: pytest may load this file before Django is set up."""

from __future__ import annotations

from pathlib import Path

import taizhang

CITY_FILE = Path(taizhang.__file__).resolve().parent / "demo" / "plan_city_2020_2024.txt"
CITY_TITLE = "市建立健全惩治和预防腐败体系2020—2024年责任分解意见"  # as seed 004's preamble prints it


def plan_from_file(path: Path, *, region, title: str, status: str = "published"):
    """A plan whose tasks are the file's (number, text), saved without sections or ledger lines."""
    from django.utils import timezone

    from taizhang.docparse import parse
    from taizhang.plans.models import Plan, Task

    plan = Plan.objects.create(
        title=title,
        level=region.level,
        region=region,
        period_start=2020,
        period_end=2024,
        status=status,
        published_at=timezone.now() if status != "draft" else None,
    )
    tasks = parse(path).tasks
    Task.objects.bulk_create(
        Task(plan=plan, number=t.number, order=i, key=f"k{i}", text=t.text) for i, t in enumerate(tasks, 1)
    )
    return plan


def city_plan(district, **kwargs):
    """The city's plan above ``district`` (tests/plans/conftest.py's 测试区 under 测试市)."""
    return plan_from_file(CITY_FILE, region=district.parent, title=CITY_TITLE, **kwargs)
