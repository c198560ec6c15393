"""Inside one database (Django set up by ``bench_cascade``): migrate, generate the province
(``benchmarks.province``: 25 regions, 150 plans), link the lower plans' tasks to the plans above them
(``TaskLink``, as the import's confirmed suggestions would), refresh the snapshots the tick keeps
(地区汇总快照, 任务进展快照; their time is printed), then time the 地区汇总 (roll-up) and an upper plan's
落实情况 (coverage) page with the test client, reusing the ledger suite's timing (``ledger_timing``).

Links: each city plan's tasks carry out the province's first plan's tasks (task i → task i, four in five
of them, so the coverage page has gaps to list), each district plan's tasks its city's first plan's likewise.
Queries are counted on a small and a large case — a city leader (its districts) and the province's leader
(its ten cities) for the roll-up; a city plan (its districts) and the province plan (every city and,
through the chain, every district) for the coverage — to show they do not grow with the regions.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import asdict
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from benchmarks import ledger_timing as lt
from benchmarks import province
from taizhang.accounts.models import Role, RoleGrant
from taizhang.dashboard.rollup_snapshot import rollup_snapshot_step
from taizhang.ledger.progress_snapshot import task_progress_refresh
from taizhang.lib.startup import ready_to_serve
from taizhang.plans.models import Plan, Task, TaskLink
from taizhang.units.models import Region

TARGET_MS = 300.0  # issue 15 item 3: p95 < 300 ms at province scale


def run(*, label: str, scale: float, requests: int, results: Path) -> None:
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    ds = province.generate(scale=scale)
    links = _link_the_chain()
    ready_to_serve()
    print(
        f"{label}: migrate and generate {time.perf_counter() - started:.1f} s; "
        f"{Region.objects.count()} regions, {Plan.objects.count()} plans, {links:,} task links",
        flush=True,
    )
    today = timezone.localdate()
    for name, refresh in (
        ("地区汇总快照 (this year and last)", lambda: rollup_snapshot_step(today=today)),
        ("任务进展快照", lambda: task_progress_refresh(today=today)),
    ):
        began = time.perf_counter()
        refresh()
        print(f"{label}: the tick's {name} refresh {time.perf_counter() - began:.1f} s", flush=True)
    upper, city_plan = _plans()
    city_leader = RoleGrant.objects.filter(role=Role.LEADER, region__level=Region.Level.CITY).first().user_id
    year = timezone.localdate().year
    figures = [
        lt._case(lambda: _rollup(ds.leader_id, city_leader, year), requests, "roll-up", target_ms=TARGET_MS),
        lt._case(
            lambda: _coverage(ds.office_admin_id, upper, city_plan), requests, "coverage", target_ms=TARGET_MS
        ),
    ]
    results.write_text(json.dumps({"label": label, "figures": [asdict(f) for f in figures]}))


def _plans() -> tuple[int, int]:
    """The province's first plan and the first plan of the first city."""
    upper = Plan.objects.filter(region__level=Region.Level.PROVINCE).order_by("pk").first()
    city = Plan.objects.filter(region__level=Region.Level.CITY).order_by("region_id", "pk").first()
    return upper.pk, city.pk


def _link_the_chain() -> int:
    rng = random.Random(15)
    first: dict[int, int] = {}  # region → its first plan
    for plan_id, region_id in Plan.objects.order_by("pk").values_list("pk", "region_id"):
        first.setdefault(region_id, plan_id)
    tasks: dict[int, list[int]] = {}
    for task_id, plan_id in Task.objects.order_by("plan_id", "order").values_list("pk", "plan_id"):
        tasks.setdefault(plan_id, []).append(task_id)
    parent = dict(Region.objects.values_list("pk", "parent_id"))
    rows = []
    for plan_id, region_id in Plan.objects.values_list("pk", "region_id"):
        upper_plan = first.get(parent.get(region_id))
        if upper_plan is None or plan_id == upper_plan:
            continue
        for task, upper in zip(tasks[plan_id], tasks[upper_plan], strict=False):
            if rng.random() < 0.8:
                rows.append(TaskLink(task_id=task, upper_id=upper))
    TaskLink.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _rollup(province_leader: int, city_leader: int, year: int):
    big = lt._url("rollup") + f"?year={year}"
    fetch = lt._getter(lt._client(province_leader), big)
    small = lt._getter(lt._client(city_leader), big)
    return big, fetch, {"city: its districts": small, "province: 10 cities": fetch}


def _coverage(office: int, upper: int, city_plan: int):
    client = lt._client(office)
    big, small = lt._url("plan_coverage", upper), lt._url("plan_coverage", city_plan)
    fetch = lt._getter(client, big)
    return big, fetch, {"city plan": lt._getter(client, small), "province plan": fetch}
