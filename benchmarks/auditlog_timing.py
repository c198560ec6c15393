"""The measurements of ``bench_auditlog`` in one database's subprocess: generate the entries, time the
page."""

from __future__ import annotations

import json
import math
import os
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from taizhang.accounts.models import Role, User
from taizhang.accounts.services import role_grant
from taizhang.administration.auditlog import Cursor
from taizhang.audit.models import AuditEvent
from taizhang.lib.startup import ready_to_serve
from taizhang.units.models import Region, Unit

START = datetime(2020, 1, 1, tzinfo=UTC)
SPACING_S = 12  # two entries share each instant: the keyset's tie on id is exercised
CITIES, UNITS_PER_CITY, USERS, IPS = 16, 100, 2000, 500
ACTIONS = [
    f"{noun}.{verb}"
    for noun in ("plan", "report", "order", "unit", "user", "finding", "case", "alert")
    for verb in ("create", "update", "submit", "close", "delete")
]
OBJECT_TYPES = [
    "plans.plan",
    "reports.progressreport",
    "supervision.supervisionorder",
    "units.unit",
    "accounts.user",
    "inspections.finding",
    "accountability.accountabilitycase",
    "alerts.alert",
]
WARMUP = 2


def run(*, label: str, rows: int, requests: int, results: Path) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    ready_to_serve()  # as the WSGI server does: views imported, start-up objects frozen for the collector
    started = time.perf_counter()
    world = _world()
    _entries(rows, world)
    generated_s = time.perf_counter() - started
    print(f"{label}: {rows:,} entries generated and indexed in {generated_s:.0f} s", flush=True)
    root_admin, city_admin = _client(world["root_admin"]), _client(world["city_admin"])
    url = reverse("audit_log")
    middle = AuditEvent.objects.filter(pk=rows // 2).first() or AuditEvent.objects.order_by("-at").first()
    day = (START + timedelta(seconds=SPACING_S * rows // 4)).date().isoformat()
    cases: list[tuple[str, Client, dict]] = [
        ("first page", root_admin, {}),
        ("deep page (keyset, middle)", root_admin, {"older": Cursor.of(middle).token()}),
        ("filter: action", root_admin, {"action": "report.submit"}),
        ("filter: user", root_admin, {"user": "bench_user_7"}),
        ("filter: unit", root_admin, {"unit": "第3市第7局"}),
        ("filter: IP", root_admin, {"ip": "10.0.1.7"}),
        ("filter: object", root_admin, {"object_type": "plans.plan", "object_id": "80"}),
        ("filter: one day", root_admin, {"start": day, "end": day}),
        ("filter: action + one day", root_admin, {"action": "plan.update", "start": day, "end": day}),
        ("city administrator, first page", city_admin, {}),
        ("city admin, deep page", city_admin, {"older": Cursor.of(middle).token()}),
    ]
    floor = _floor(requests)
    figures = []
    for name, client, params in cases:
        figure = _time(name, lambda c=client, p=params: c.get(url, p), requests)
        figure["ratio"] = figure["p95_ms"] / floor if floor else 0.0
        print(
            f"  {name:<34}{figure['median_ms']:>8.1f} /{figure['p95_ms']:>7.1f} ms "
            f"(cpu {figure['cpu_median_ms']:.1f}), {figure['queries']} queries, "
            f"load {figure['load'][0]:.1f}→{figure['load'][1]:.1f}",
            flush=True,
        )
        figures.append(figure)
    summary = {"label": label, "rows": rows, "floor_p95_ms": floor, "figures": figures}
    results.write_text(json.dumps({**summary, "generated_s": generated_s, "size_mb": _size_mb()}))


def _world() -> dict:
    province = Region.objects.create(name="基准省", level=Region.Level.PROVINCE)
    cities = Region.objects.bulk_create(
        Region(name=f"第{i}市", level=Region.Level.CITY, parent=province) for i in range(CITIES)
    )
    units = Unit.objects.bulk_create(
        Unit(region=city, name=f"{city.name}第{j}局", order=j)
        for city in cities
        for j in range(UNITS_PER_CITY)
    )
    users = User.objects.bulk_create(
        User(username=f"bench_user_{i}", unit=units[i % len(units)]) for i in range(USERS)
    )
    root_admin = User.objects.create(username="bench_audit_root", unit=units[0])
    city_admin = User.objects.create(username="bench_audit_city", unit=units[0])
    with transaction.atomic():  # through the service: an unsealed grant gives no access
        role_grant(user=root_admin, role=Role.AUDIT_ADMIN, region=province, actor=None)
        role_grant(user=city_admin, role=Role.AUDIT_ADMIN, region=cities[0], actor=None)
    return {"units": units, "users": users, "root_admin": root_admin, "city_admin": city_admin}


def _entries(rows: int, world: dict) -> None:
    """Insert ``rows`` entries in one SQL statement, with the indexes dropped during the load and built
    after it (as a restore would), then gather statistics."""
    units, users = world["units"], world["users"]
    unit0, user0 = units[0].pk, users[0].pk
    assert units[-1].pk - unit0 == len(units) - 1 and users[-1].pk - user0 == len(users) - 1
    region0 = units[0].region_id  # cities were created in order: unit i is in city i // UNITS_PER_CITY
    table = AuditEvent._meta.db_table
    pg = connection.vendor == "postgresql"
    # Generated in SQL for speed, so not linked into the SM3 chain: this database times the page, and
    # `taizhang audit verify` would rightly refuse it.
    UNCHAINED = "0" * 64
    u = f"((n * 7919) % {len(units)})"

    def cases(values: list[str], k: str) -> str:
        return "CASE " + " ".join(f"WHEN {k} = {i} THEN '{v}'" for i, v in enumerate(values)) + " END"

    at = (
        f"TIMESTAMP WITH TIME ZONE '{START.isoformat()}' + (n / 2) * INTERVAL '{SPACING_S} seconds'"
        if pg
        else f"datetime('{START:%Y-%m-%d %H:%M:%S}', '+' || ((n / 2) * {SPACING_S}) || ' seconds')"
    )
    ip = (
        "('10.0.' || ((n % 500) / 256) || '.' || (n % 256))::inet"
        if pg
        else "'10.0.' || ((n % 500) / 256) || '.' || (n % 256)"
    )
    json_cast = "::jsonb" if pg else ""
    select = f"""
        SELECT {user0} + ((n * 31) % {USERS}), {cases(ACTIONS, f"(n % {len(ACTIONS)})")},
               {cases(OBJECT_TYPES, f"(n % {len(OBJECT_TYPES)})")}, CAST(n % 100000 AS VARCHAR(64)),
               'object ' || n, '{{"status": "draft"}}'{json_cast}, '{{"status": "published"}}'{json_cast},
               {at}, 'web', {ip}, 'success', {unit0} + {u}, {region0} + {u} / {UNITS_PER_CITY}, '{UNCHAINED}'
    """
    columns = (
        "actor_id, action, object_type, object_id, object_repr, before, after, at, source, ip, result, "
        "unit_ref, region_ref, hash"
    )
    if pg:
        sql = f"INSERT INTO {table} ({columns}) {select} FROM generate_series(0::bigint, {rows - 1}) AS s(n)"
    else:
        sql = (
            f"INSERT INTO {table} ({columns}) WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s "
            f"WHERE n < {rows - 1}) {select} FROM s"
        )
    indexes = AuditEvent._meta.indexes
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.remove_index(AuditEvent, index)
    with connection.cursor() as cursor:
        cursor.execute(sql)
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.add_index(AuditEvent, index)
    with connection.cursor() as cursor:
        # As the database looks minutes after a restore: PostgreSQL's autovacuum has vacuumed (the
        # visibility map lets an index-only scan skip the table) and analysed; SQLite has statistics only
        # when asked, and is asked here as the page's plans were chosen with them.
        cursor.execute("VACUUM ANALYZE" if pg else "ANALYZE")


def _size_mb() -> float:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 1e6
        cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return cursor.fetchone()[0] / 1e6


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _floor(requests: int) -> float:
    table = AuditEvent._meta.db_table
    sql = f"SELECT * FROM {table} ORDER BY at DESC, id DESC LIMIT 51"

    def fetch():
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    return _time("floor", fetch, requests)["p95_ms"]


def _time(name: str, fetch: Callable[[], object], n: int) -> dict:
    for _ in range(WARMUP):
        answer = fetch()
    executed = []
    # Counted by a wrapper rather than the debug log: the test client's request_finished closes the
    # connection, and a reopened connection starts a new log.
    with connection.execute_wrapper(lambda execute, sql, *args: executed.append(sql) or execute(sql, *args)):
        answer = fetch()
    times, cpu = [], []
    load_before = os.getloadavg()[0]
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        answer = fetch()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)  # this process: less disturbed by a busy machine
        if hasattr(answer, "status_code") and answer.status_code != 200:
            raise RuntimeError(f"{name}: HTTP {answer.status_code}")
    times.sort()
    rows = answer.content.count(b'id="entry-') if hasattr(answer, "content") else 0
    return {
        "name": name,
        "median_ms": statistics.median(times),
        "p95_ms": times[math.ceil(0.95 * n) - 1],
        "cpu_median_ms": statistics.median(cpu),
        "load": (load_before, os.getloadavg()[0]),
        "queries": len(executed),
        "rows": rows,
    }
