"""Inside one database (Django already set up by ``bench_ledger``): migrate, generate the province, then
time each request with the test client and count its queries.

Each page is fetched as the person who opens it: the plan ledger and its export as the province's office
admin (惩防办), the dashboard as the province's leader, my-tasks as the busiest unit's liaison, the review
queue (审核) as the province's office admin (its queries also as a district's), the 工作台 as the office admin
and as that liaison, and the
report submission through the API with that liaison's token, on a different ledger line each time. Queries
are counted on a small and a large case (a 12-task and a 160-task plan; a unit with one line and the busiest
unit) to show whether they grow with the number of tasks; the time in the database is what Django measures
around ``cursor.execute`` (SQLite computes rows while they are fetched, so there it is a lower bound).
Wall-clock and CPU time are both kept: on a machine shared with other work the CPU time of this process
is the steadier of the two (for PostgreSQL it leaves out the server's own work). Before timing, the process
is made ready as the WSGI server makes it (``taizhang.lib.startup.ready_to_serve``: views imported, start-up
objects frozen for the garbage collector), so full collections cost what they cost in production.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from benchmarks import province
from taizhang.accounts.models import User
from taizhang.lib.startup import ready_to_serve
from taizhang.units.models import Region

WARMUP = 2
PAGE_TARGET_MS = 150.0
LEDGER_TARGET_MS = 100.0  # issue 12 item 9: the plan ledger, the most used page, under 100 ms
EXPORT_TARGET_MS = 1000.0
XLSX = "spreadsheetml"


class NotBuilt(Exception):
    """The URL name does not resolve yet: the page is being built."""


class Failed(Exception):
    """The request did not answer as it should."""


@dataclass
class Figure:
    name: str
    url: str = ""
    state: str = "ok"  # ok | not built | failed
    note: str = ""
    target_ms: float = PAGE_TARGET_MS
    median_ms: float | None = None
    p95_ms: float | None = None
    cpu_median_ms: float | None = None  # this process's CPU time: less disturbed by a busy machine
    size_kb: float | None = None
    queries: dict[str, int] = field(default_factory=dict)  # case -> queries in one request
    sql_ms: float | None = None  # time in cursor.execute during one request of the large case
    slowest: str = ""  # its slowest query
    load: tuple[float, float] = (0.0, 0.0)  # the machine's 1-minute load average before and after


Fetch = Callable[[], int]  # makes one request, checks it, returns the body's size


def run(*, label: str, scale: float, requests: int, results: Path) -> None:
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter() - started
    ds = province.generate(scale=scale)
    settled = _settle()
    ready_to_serve()  # what taizhang.wsgi does once the app is loaded, before serving
    print(f"{label}: migrate {migrated:.1f} s, generate {ds.seconds:.1f} s, {settled}", flush=True)
    print("  rows: " + ", ".join(f"{name} {n:,}" for name, n in ds.counts.items()), flush=True)
    print(
        f"  timed: plan #{ds.big_plan[0]} ({ds.big_plan[1]} tasks, {ds.big_plan[2]} lines), small plan "
        f"#{ds.small_plan[0]} ({ds.small_plan[1]} tasks, {ds.small_plan[2]} lines); busiest unit "
        f"{ds.busy_unit[1]} ({ds.busy_unit[2]} lines), quiet unit {ds.quiet_unit[1]} ({ds.quiet_unit[2]})",
        flush=True,
    )
    figures = [
        _case(lambda: _plan_ledger(ds), requests, "plan ledger", target_ms=LEDGER_TARGET_MS),
        _case(lambda: _dashboard(ds), requests, "dashboard"),
        _case(lambda: _my_tasks(ds), requests, "my tasks"),
        _case(lambda: _review_queue(ds), requests, "review queue"),
        _case(lambda: _workbench_office(ds), requests, "工作台 office"),
        _case(lambda: _workbench_liaison(ds), requests, "工作台 liaison"),
        _case(lambda: _export(ds), requests, "plan .xlsx export", target_ms=EXPORT_TARGET_MS),
        _case(lambda: _api_submit(ds, requests), requests, "API report submission"),
    ]
    results.write_text(json.dumps({"label": label, "figures": [asdict(f) for f in figures]}))


def _settle() -> str:
    """What a database looks like some minutes after a bulk load: PostgreSQL's autovacuum has vacuumed and
    analysed the tables; SQLite has checkpointed its WAL (it keeps no statistics unless asked, and the app
    does not ask, so none are gathered here either)."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
            what = "VACUUM ANALYZE"
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = Path(settings.DATABASES["default"]["NAME"]).stat().st_size
            what = "WAL checkpoint"
    return f"{what} {time.perf_counter() - started:.1f} s, database {size / 1e6:,.0f} MB"


# ---- the cases: each returns (url shown, fetch to time, {case: fetch} to count queries) ----


def _url(name: str, *args: object) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        raise NotBuilt(f"URL name {name!r} does not resolve") from None


def _client(user_id: int) -> Client:
    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return client


def _getter(client: Client, url: str, *, content_type: str = "text/html") -> Fetch:
    def fetch() -> int:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200:
            raise Failed(f"GET {url} answered {response.status_code}")
        if content_type not in response.get("Content-Type", ""):
            raise Failed(f"GET {url} answered {response.get('Content-Type')!r}, not {content_type}")
        return len(body)

    return fetch


def _plan_ledger(ds: province.Dataset):
    client = _client(ds.office_admin_id)
    big, small = _url("plan_ledger", ds.big_plan[0]), _url("plan_ledger", ds.small_plan[0])
    return big, _getter(client, big), _plan_pair(ds, _getter(client, small), _getter(client, big))


def _dashboard(ds: province.Dataset):
    client = _client(ds.leader_id)
    try:
        big, small = _url("dashboard", ds.big_plan[0]), _url("dashboard", ds.small_plan[0])
    except NotBuilt:  # one dashboard for everything, the plan as a filter
        base = _url("dashboard")
        big, small = f"{base}?plan={ds.big_plan[0]}", f"{base}?plan={ds.small_plan[0]}"
    return big, _getter(client, big), _plan_pair(ds, _getter(client, small), _getter(client, big))


def _my_tasks(ds: province.Dataset):
    url = _url("my_tasks")
    busy = _getter(_client(ds.busy_liaison_id), url)
    quiet = _getter(_client(ds.quiet_liaison_id), url)
    return url, busy, {_lines(ds.quiet_unit[2]): quiet, _lines(ds.busy_unit[2]): busy}


def _review_queue(ds: province.Dataset):
    """审核 as the province's office admin: every approved report of the province (some 100,000 at scale 1),
    its first page, oldest period first. Queries are counted against a district office's queue too, the same
    role with a small case: the province's two more are the walk down its region tree (one per level, in
    ``accounts``), not the queue's length."""
    url = _url("review_list")
    office = _getter(_client(ds.office_admin_id), url)
    district = Region.objects.filter(level=Region.Level.DISTRICT).order_by("pk").first()
    small = User.objects.get(username=f"r{district.pk}-admin").pk
    return url, office, {"a district office": _getter(_client(small), url), "the province office": office}


def _workbench_office(ds: province.Dataset):
    """工作台 as the province's office admin: the reports to accept, replies, close-outs and scores of the
    whole province (its first 20 of each), counted in the same request as the navigation's badges."""
    url = _url("workbench")
    fetch = _getter(_client(ds.office_admin_id), url)
    return url, fetch, {"province office": fetch}


def _workbench_liaison(ds: province.Dataset):
    """工作台 as a liaison: the quiet unit's and the busiest unit's (every period its lines owe)."""
    url = _url("workbench")
    busy = _getter(_client(ds.busy_liaison_id), url)
    quiet = _getter(_client(ds.quiet_liaison_id), url)
    return url, busy, {_lines(ds.quiet_unit[2]): quiet, _lines(ds.busy_unit[2]): busy}


def _lines(n: int) -> str:
    return f"{n} line" if n == 1 else f"{n} lines"


def _export(ds: province.Dataset):
    client = _client(ds.office_admin_id)
    try:
        big, small = _url("plan_ledger_export", ds.big_plan[0]), _url("plan_ledger_export", ds.small_plan[0])
    except NotBuilt:  # the ledger page itself, asked for .xlsx
        big = _url("plan_ledger", ds.big_plan[0]) + "?format=xlsx"
        small = _url("plan_ledger", ds.small_plan[0]) + "?format=xlsx"
    fetch_big, fetch_small = (
        _getter(client, big, content_type=XLSX),
        _getter(client, small, content_type=XLSX),
    )
    return big, fetch_big, _plan_pair(ds, fetch_small, fetch_big)


def _plan_pair(ds: province.Dataset, small: Fetch, big: Fetch) -> dict[str, Fetch]:
    return {f"{ds.small_plan[1]} tasks": small, f"{ds.big_plan[1]} tasks": big}


def _api_submit(ds: province.Dataset, requests: int):
    """POST /api/v1/assignments/{id}/reports: this month's report on one of the busy unit's lines, created
    and submitted in one call (201), as a unit's own system would send it."""
    lines = iter(ds.api_assignment_ids)
    if len(ds.api_assignment_ids) < requests + WARMUP + 1:
        raise Failed(f"the busy unit has only {len(ds.api_assignment_ids)} lines to report on")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {ds.api_token}")
    body = {
        "period_start": ds.current_period.start.isoformat(),
        "status": "in_progress",
        "narrative": "已召开专题会议研究部署，制定工作方案并按月推进，相关制度已印发执行。",
        "submit": True,
    }

    def url_for(assignment_id: int) -> str:
        try:
            return reverse("api-v1:save_report", kwargs={"assignment_id": assignment_id})
        except NoReverseMatch:
            return f"/api/v1/assignments/{assignment_id}/reports"

    def fetch() -> int:
        url = url_for(next(lines))
        response = client.post(url, body, content_type="application/json")
        if response.status_code != 201:
            raise Failed(f"POST {url} answered {response.status_code}: {response.content[:200]!r}")
        return len(response.content)

    return url_for(ds.api_assignment_ids[0]), fetch, {"one line": fetch}


# ---- timing ----


def _case(make: Callable[[], tuple[str, Fetch, dict[str, Fetch]]], n: int, name: str, **kw) -> Figure:
    figure = Figure(name=name, **kw)
    try:
        figure.url, fetch, pairs = make()
        for _ in range(WARMUP):
            fetch()
        captured = {case: _queries(f) for case, f in pairs.items()}
        figure.queries = {case: len(queries) for case, queries in captured.items()}
        large = list(captured.values())[-1]
        figure.sql_ms = sum(float(q["time"]) for q in large) * 1000
        if large:
            top = max(large, key=lambda q: float(q["time"]))
            figure.slowest = f"{float(top['time']) * 1000:.1f} ms: {' '.join(top['sql'].split())[:240]}"
        before = os.getloadavg()[0]
        times, cpu = [], []
        for _ in range(n):
            start, start_cpu = time.perf_counter(), time.process_time()
            size = fetch()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        figure.load = (before, os.getloadavg()[0])
    except NotBuilt as exc:
        figure.state, figure.note = "not built", f"not built yet ({exc})"
    except Exception as exc:  # a page under construction may fail in any way; report it, go on
        figure.state, figure.note = "failed", f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
    else:
        times.sort()
        figure.median_ms = statistics.median(times)
        figure.p95_ms = times[math.ceil(0.95 * len(times)) - 1]  # nearest rank
        figure.cpu_median_ms = statistics.median(cpu)
        figure.size_kb = size / 1024
    _print(figure)
    return figure


def _queries(fetch: Fetch) -> list[dict[str, str]]:
    with CaptureQueriesContext(connection) as captured:
        fetch()
    return captured.captured_queries


def _print(f: Figure) -> None:
    if f.state != "ok":
        print(f"  {f.name:<22} {f.note}", flush=True)
        return
    verdict = "ok" if f.p95_ms <= f.target_ms else "OVER TARGET"
    queries = " → ".join(f"{n} ({case})" for case, n in f.queries.items())
    print(
        f"  {f.name:<22} median {f.median_ms:7.1f} ms  p95 {f.p95_ms:7.1f} ms  (target p95 < "
        f"{f.target_ms:.0f} ms: {verdict})  cpu median {f.cpu_median_ms:.1f} ms  {f.size_kb:,.0f} KB  "
        f"load {f.load[0]:.1f}→{f.load[1]:.1f}  {f.url}\n"
        f"  {'':<22} queries {queries}; executing SQL {f.sql_ms:.1f} ms, slowest {f.slowest}",
        flush=True,
    )
